#include "tests/integration/support/log_capture.hpp"

#include "server/support/log.hpp"

#include <algorithm>
#include <chrono>

namespace emu::testing {

log_capture::log_capture() {
    log::set_format(log::format::json);
    log::set_sink([this](std::string_view line) {
        const std::lock_guard lock{mutex_};
        lines_.emplace_back(line);
        arrived_.notify_all();
    });
}

log_capture::~log_capture() {
    log::set_sink({});
    log::set_format(log::format::text);
    log::set_level(log::level::warn);
}

std::string log_capture::wait_for(const std::string& text) {
    std::unique_lock lock{mutex_};
    std::string found;
    arrived_.wait_for(lock, std::chrono::seconds{5}, [&] {
        for (const auto& line : lines_) {
            if (line.find(text) != std::string::npos) {
                found = line;
                return true;
            }
        }
        return false;
    });
    return found;
}

std::size_t log_capture::count(const std::string& text) {
    const std::lock_guard lock{mutex_};
    return static_cast<std::size_t>(
        std::count_if(lines_.begin(), lines_.end(), [&](const auto& line) {
            return line.find(text) != std::string::npos;
        }));
}

} // namespace emu::testing
