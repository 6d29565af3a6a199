#pragma once

#include <optional>
#include <string_view>

namespace emu::log {

enum class level { debug, info, warn, error, off };

// "debug", "info", "warn", "error" or "off"; nullopt otherwise.
std::optional<level> parse_level(std::string_view text);

void set_level(level threshold);

bool enabled(level at);

// Writes one line to stderr ("edenmock <level>: <message>") when at >= the threshold.
void write(level at, std::string_view message);

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
