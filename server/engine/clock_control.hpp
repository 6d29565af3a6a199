#pragma once

#include "server/jobs/job_service.hpp"
#include "server/scheduling/clock.hpp"
#include "server/scheduling/due_source.hpp"
#include "server/scheduling/tenant_clocks.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"

#include <mutex>
#include <optional>
#include <string_view>

namespace emu::engine {

using scheduling::due_source;
using scheduling::duration;
using scheduling::instant;
using scheduling::manual_clock;
using scheduling::tenant_clocks;

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

    // Called after every advance (the state file keeps the clocks). Set before serving.
    void on_change(std::function<void()> callback) { on_change_ = std::move(callback); }

    // Moves the emulator's clock by `by`, or with a tenant only that tenant's clock, ahead of
    // the emulator's (see tenant_clocks): its own until the tenant is reset, and moved along
    // whenever the emulator's clock moves.
    void advance(duration by, std::string_view tenant = {});

    // Moves the clock to `to`; throws std::invalid_argument when `to` is in the past.
    void advance_to(instant to, std::string_view tenant = {});

    // Advances from due entry to due entry until no job (of the tenant) waits for time and no
    // webhook attempt is scheduled or in flight; false when that was not reached.
    bool advance_until_idle(std::string_view tenant = {});

private:
    // Moves the clock by `by`, stopping at each due entry on the way; lock held.
    void advance_locked(duration by, std::string_view tenant);

    // The same without telling on_change_.
    void advance_clock(duration by, std::string_view tenant);

    // Whether time alone would change nothing more (for the tenant).
    bool idle(std::string_view tenant);

    // The earliest due entry: of everything in the emulator's time, or of the tenant's jobs and
    // deliveries in its time.
    std::optional<instant> next_due(std::string_view tenant);

    manual_clock& clock_;
    tenant_clocks& tenants_;
    due_source& timeline_; // what advancing applies: jobs, then webhooks
    jobs::job_service& jobs_;
    webhooks::webhook_dispatcher& webhooks_;
    std::mutex mutex_; // two advances at once would each move the clock by the other's steps
    std::function<void()> on_change_;
};

} // namespace emu::engine
