#include "server/app/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace emu::log {
namespace {

std::atomic<level> threshold{level::info};
std::mutex output_mutex;

std::string_view name_of(level at) {
    switch (at) {
    case level::debug:
        return "debug";
    case level::info:
        return "info";
    case level::warn:
        return "warn";
    case level::error:
        return "error";
    case level::off:
        return "off";
    }
    return "info";
}

} // namespace

std::optional<level> parse_level(std::string_view text) {
    for (auto candidate : {level::debug, level::info, level::warn, level::error, level::off}) {
        if (text == name_of(candidate)) {
            return candidate;
        }
    }
    return std::nullopt;
}

void set_level(level at) {
    threshold.store(at);
}

bool enabled(level at) {
    return at >= threshold.load(std::memory_order_relaxed) && at != level::off;
}

void write(level at, std::string_view message) {
    if (!enabled(at)) {
        return;
    }
    std::string line = "edenmock ";
    line += name_of(at);
    line += ": ";
    line += message;
    line += '\n';
    std::lock_guard lock{output_mutex};
    std::fwrite(line.data(), 1, line.size(), stderr);
}

} // namespace emu::log
