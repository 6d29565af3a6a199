#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

namespace emu::testing {

// Captures log lines (as JSON lines) for the test's duration and restores stderr, text and
// warn afterwards.
class log_capture {
public:
    log_capture();
    ~log_capture();

    log_capture(const log_capture&) = delete;
    log_capture& operator=(const log_capture&) = delete;

    // The first line containing `text`, waiting up to 5 s for it; "" when none came.
    std::string wait_for(const std::string& text);

    // How many lines so far contain `text`.
    std::size_t count(const std::string& text);

private:
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::vector<std::string> lines_;
};

} // namespace emu::testing
