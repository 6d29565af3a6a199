#include "server/net/hints.hpp"

#include "server/support/log.hpp"

namespace emu::net {

void hint_log::note(std::string_view method,
                    std::string_view path,
                    unsigned status,
                    std::string_view hint) {
    if (!log::enabled(log::level::info)) {
        return;
    }
    auto line = "hint: " + std::string{method} + " " + std::string{path} + " answered " +
                std::to_string(status) + ": " + std::string{hint};
    {
        const std::lock_guard lock{mutex_};
        if (seen_.size() >= capacity_) {
            seen_.clear();
        }
        if (!seen_.insert(line).second) {
            return;
        }
    }
    log::info(line);
}

} // namespace emu::net
