#include "server/scheduling/timer_driver.hpp"

#include "server/net/spawn.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace emu::scheduling {

namespace asio = boost::asio;

timer_driver::timer_driver(asio::io_context& io, const clock& time, due_source& source)
    : clock_(time)
    , source_(source)
    , strand_(asio::make_strand(io))
    , timer_(strand_) {}

void timer_driver::start() {
    asio::co_spawn(strand_, loop(), net::log_failure{"timer"});
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
            const auto wait = std::max(duration::zero(), *due - clock_.now());
            timer_.expires_after(wait);
        } else {
            timer_.expires_at(asio::steady_timer::time_point::max());
        }
        // Cancelled by notify() (re-arm) or stop(); either way look again.
        co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
        source_.run_due();
    }
}

} // namespace emu::scheduling
