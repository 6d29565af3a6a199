#pragma once

#include "server/scheduling/clock.hpp"
#include "server/scheduling/due_source.hpp"

#include <mutex>

namespace emu::jobs {
class job_service;
} // namespace emu::jobs

namespace emu::webhooks {
class webhook_dispatcher;
} // namespace emu::webhooks

namespace emu::scheduling {

// Moves the manual clock for tests (the control API, the embedded server), stopping at every due
// entry on the way; thread-safe, advances are serialised.
class clock_control {
public:
    clock_control(manual_clock& clock,
                  due_source& timeline,
                  jobs::job_service& jobs,
                  webhooks::webhook_dispatcher& webhooks);

    instant now() const { return clock_.now(); }

    void advance(duration by);

    // Moves the clock to `to`; throws std::invalid_argument when `to` is in the past.
    void advance_to(instant to);

    // Advances from due entry to due entry until no job waits for time and no webhook attempt is
    // scheduled or in flight; false when that was not reached.
    bool advance_until_idle();

private:
    manual_clock& clock_;
    due_source& timeline_; // what advancing applies: jobs, then webhooks
    jobs::job_service& jobs_;
    webhooks::webhook_dispatcher& webhooks_;
    std::mutex mutex_; // two advances at once would each move the clock by the other's steps
};

} // namespace emu::scheduling
