#pragma once

#include "server/scheduling/due_source.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <functional>
#include <optional>

namespace emu::scheduling {

// The auto clock's time skipping: once `idle()` has held for `grace` (no request or delivery in
// flight) and the next due entry is in the future, the clock jumps to it.
struct time_skipping {
    skipping_clock& clock;
    std::function<bool()> idle;
    std::chrono::steady_clock::duration grace;
};

// The one timer of the real clock: sleeps until the next due entry of the timeline's sources
// (jobs, webhooks), applies what is due, and re-arms. Not used with the manual clock, where
// advancing applies due entries.
class timer_driver {
public:
    timer_driver(boost::asio::io_context& io,
                 const clock& time,
                 due_source& source,
                 std::optional<time_skipping> skipping = std::nullopt);

    void start();

    // Re-arm: the earliest due entry may have changed. Callable from any thread.
    void notify();

    void stop();

private:
    boost::asio::awaitable<void> loop();

    const clock& clock_;
    due_source& source_;
    std::optional<time_skipping> skipping_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    boost::asio::steady_timer timer_;
    bool stopping_ = false;
};

} // namespace emu::scheduling
