#pragma once

#include "server/support/enum_names.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace emu::log {

enum class level { debug, info, warn, error, off };

// How lines are written: "edenmock <level>: <message>", or one JSON object per line.
enum class format { text, json };

inline constexpr support::enum_names<level, 5> level_names{
    {"debug", "info", "warn", "error", "off"}};

void set_level(level threshold);

inline constexpr support::enum_names<format, 2> format_names{{"text", "json"}};

void set_format(format lines);

// Receives each line, without its line feed; an empty function restores stderr. For tests.
void set_sink(std::function<void(std::string_view line)> sink);

bool enabled(level at);

// Writes one line to stderr ("edenmock <level>: <message>", or {"ts", "level", "msg"} in JSON)
// when at >= the threshold.
void write(level at, std::string_view message);

// One answered request, for the access log.
struct access_entry {
    std::string_view remote;
    std::string_view method;
    std::string_view target; // only its path is written: a query can hold secrets
    unsigned status = 0;
    std::uint64_t bytes = 0;
    double duration_ms = 0;
    std::string_view bearer_token; // hashed, never written; empty when none
};

// Writes the access line at info level; JSON lines carry method, path, status, bytes,
// duration_ms (a number with 3 decimals, like 0.170), remote and tenant_hash as fields.
void access(const access_entry& entry);

// The first 8 hex digits of the token's FNV-1a hash: tells tenants apart without revealing them.
std::string tenant_hash(std::string_view token);

inline void debug(std::string_view message) {
    write(level::debug, message);
}

inline void info(std::string_view message) {
    write(level::info, message);
}

inline void warn(std::string_view message) {
    write(level::warn, message);
}

inline void error(std::string_view message) {
    write(level::error, message);
}

} // namespace emu::log
