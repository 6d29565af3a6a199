#include "server/scheduling/timer_driver.hpp"

#include "server/support/spawn.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace emu::scheduling {

namespace asio = boost::asio;

timer_driver::timer_driver(asio::io_context& io,
                           const clock& time,
                           due_source& source,
                           std::optional<time_skipping> skipping)
    : clock_(time)
    , source_(source)
    , skipping_(std::move(skipping))
    , strand_(asio::make_strand(io))
    , timer_(strand_) {}

void timer_driver::start() {
    asio::co_spawn(strand_, loop(), support::log_failure{"timer"});
}

void timer_driver::notify() {
    asio::post(strand_, [this] { timer_.cancel(); });
}

void timer_driver::stop() {
    asio::post(strand_, [this] {
        stopping_ = true;
        timer_.cancel();
    });
}

asio::awaitable<void> timer_driver::loop() {
    while (!stopping_) {
        if (const auto due = source_.next_due()) {
            auto wait = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                clock_.real_delay(std::max(duration::zero(), *due - clock_.now())));
            if (skipping_) {
                wait = std::min(wait, skipping_->grace); // look for idleness meanwhile
            }
            timer_.expires_after(wait);
        } else {
            timer_.expires_at(asio::steady_timer::time_point::max());
        }
        // Cancelled by notify() (re-arm) or stop(); either way look again.
        co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
        if (skipping_ && skipping_->idle()) {
            if (const auto due = source_.next_skip_target(); due && *due > clock_.now()) {
                skipping_->clock.jump_to(*due);
            }
        }
        source_.run_due();
    }
}

} // namespace emu::scheduling
