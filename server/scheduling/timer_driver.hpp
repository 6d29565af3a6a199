#pragma once

#include "server/jobs/job_service.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

namespace emu::scheduling {

// The one timer of the real clock: sleeps until the job service's next due entry, applies what
// is due, and re-arms. Not used with the manual clock, where advancing applies due entries.
class timer_driver {
public:
    timer_driver(boost::asio::io_context& io, jobs::job_service& jobs);

    void start();

    // Re-arm: the earliest due entry may have changed. Callable from any thread.
    void notify();

    void stop();

private:
    boost::asio::awaitable<void> loop();

    jobs::job_service& jobs_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    boost::asio::steady_timer timer_;
    bool stopping_ = false;
};

} // namespace emu::scheduling
