#pragma once

#include "server/scheduling/clock.hpp"
#include "server/scheduling/due_source.hpp"
#include "server/scheduling/tenant_clocks.hpp"

#include <mutex>

namespace emu::jobs {
class job_service;
} // namespace emu::jobs

namespace emu::webhooks {
class webhook_dispatcher;
} // namespace emu::webhooks

namespace emu::scheduling {

// Moves the manual clock for tests (the control API, the embedded server), stopping at every due
// entry on the way: the emulator's clock, or one tenant's clock alone (ahead of the emulator's,
// see tenant_clocks). Thread-safe, advances are serialised.
class clock_control {
public:
    clock_control(manual_clock& clock,
                  tenant_clocks& tenants,
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

    // The same for one tenant's clock: only that tenant's jobs and deliveries move. A tenant's
    // clock is its own until the tenant is reset; advancing the emulator's clock moves it too.
    void advance_tenant(std::string_view tenant, duration by);
    void advance_tenant_to(std::string_view tenant, instant to);
    bool advance_tenant_until_idle(std::string_view tenant);

private:
    // The tenant's clock forward by `by`, stopping at each of its due entries; lock held.
    void advance_tenant_locked(std::string_view tenant, duration by);

    // The tenant's earliest due entry of jobs and deliveries, in its time.
    std::optional<instant> next_due_of(std::string_view tenant);

    manual_clock& clock_;
    tenant_clocks& tenants_;
    due_source& timeline_; // what advancing applies: jobs, then webhooks
    jobs::job_service& jobs_;
    webhooks::webhook_dispatcher& webhooks_;
    std::mutex mutex_; // two advances at once would each move the clock by the other's steps
};

} // namespace emu::scheduling
