#pragma once

#include "server/support/enum_names.hpp"

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace emu::net {

// Which near-miss hints edenmock adds to its errors (--hints): all of them; all but those that
// tell about another API key's jobs (what a shared instance wants); or none.
enum class hint_mode { on, own, off };

// The modes as --hints spells them.
inline constexpr support::enum_names<hint_mode, 3> hint_mode_names{{"on", "own", "off"}};

// The response header that carries a hint; Eden's bodies stay as Eden writes them.
inline constexpr std::string_view hint_header = "X-Edenmock-Hint";

// Logs each distinct near miss once at info level, so a client polling a wrong URL does not
// flood the log. Remembers at most `capacity` misses, then starts afresh. Thread-safe.
class hint_log {
public:
    explicit hint_log(std::size_t capacity = 4096)
        : capacity_(capacity) {}

    // Logs "hint: <method> <path> answered <status>: <hint>" unless that line was logged before.
    void
    note(std::string_view method, std::string_view path, unsigned status, std::string_view hint);

private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::unordered_set<std::string> seen_;
};

} // namespace emu::net
