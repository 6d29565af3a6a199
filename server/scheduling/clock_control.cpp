#include "server/scheduling/clock_control.hpp"

#include "server/jobs/job_service.hpp"
#include "server/scheduling/iso_time.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"

#include <algorithm>
#include <stdexcept>

namespace emu::scheduling {

clock_control::clock_control(manual_clock& clock,
                             due_source& timeline,
                             jobs::job_service& jobs,
                             webhooks::webhook_dispatcher& webhooks)
    : clock_(clock)
    , timeline_(timeline)
    , jobs_(jobs)
    , webhooks_(webhooks) {}

void clock_control::advance(duration by) {
    const std::lock_guard lock{mutex_};
    advance_through(clock_, by, timeline_);
}

void clock_control::advance_to(instant to) {
    const std::lock_guard lock{mutex_};
    if (to < clock_.now()) {
        throw std::invalid_argument("The clock cannot go back: it reads " +
                                    format_utc(clock_.now()) + ".");
    }
    advance_through(clock_, to - clock_.now(), timeline_);
}

bool clock_control::advance_until_idle() {
    const std::lock_guard lock{mutex_};
    // Each step moves to the next due entry and gives the webhook attempts it sent up to two
    // (real) seconds to be answered; a receiver slower than that meets its attempt's timeout,
    // which is one of the next due entries.
    constexpr int max_steps = 100000;
    for (int step = 0; step < max_steps; ++step) {
        webhooks_.wait_until_settled(std::chrono::seconds{2});
        if (jobs_.settled() && webhooks_.idle()) {
            return true;
        }
        const auto due = timeline_.next_due();
        if (!due) {
            return jobs_.settled() && webhooks_.idle();
        }
        advance_through(clock_, std::max(duration::zero(), *due - clock_.now()), timeline_);
    }
    return false;
}

} // namespace emu::scheduling
