#pragma once

#include "server/engine/emulator_state.hpp"
#include "server/engine/fault_injector.hpp"
#include "server/engine/resetter.hpp"
#include "server/jobs/job_service.hpp"
#include "server/scenario/scenario_catalog.hpp"
#include "server/scheduling/tenant_clocks.hpp"
#include "server/uploads/upload_store.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::engine {

// Why a snapshot cannot be restored here: the document's field at fault and the reason.
struct restore_refusal {
    std::string field;
    std::string message;
};

// Takes the emulator's state (or one tenant's) out of its services, and puts one back.
// Restoring replaces: what the snapshot does not hold is reset first. Times: a tenant comes
// back at the time it was taken when its clock can be set there (a manual clock is set for a
// whole snapshot; a tenant's clock can run ahead of the emulator's), else every time it holds
// moves forward by the difference, so what was pending stays as far away as it was.
class state_transfer {
public:
    // `manual`: the emulator's clock when it is manual (a whole restore sets it), else nullptr.
    state_transfer(scheduling::tenant_clocks& clocks,
                   scheduling::manual_clock* manual,
                   jobs::job_service& jobs,
                   uploads::upload_store& uploads,
                   scenario::scenario_catalog& scenarios,
                   webhooks::webhook_dispatcher& webhooks,
                   fault_injector& faults,
                   const resetter& resets,
                   std::uint64_t seed);

    // The whole state (""), or one tenant's.
    emulator_state capture(std::string_view tenant = {});

    // Why `state` cannot replace the whole state ("") or tenant `into`'s, or nullopt.
    std::optional<restore_refusal> refusal(const emulator_state& state,
                                           std::string_view into) const;

    // Snapshots taken and restored since start.
    std::uint64_t taken() const { return taken_.load(); }

    std::uint64_t restored() const { return restored_.load(); }

    // Called after a restore with the tenants it replaced (the state file writes them again).
    // Set before serving.
    void on_restore(std::function<void(const std::vector<std::string>& tenants)> callback) {
        on_restore_ = std::move(callback);
    }

    // Replaces the whole state ("") or tenant `into`'s (any tenant's snapshot: a fork) with
    // `state`; check refusal() first.
    void restore(emulator_state state, std::string_view into = {});

private:
    // Puts one tenant's part back into `into`, but for its webhooks: they are returned for
    // restore() to add once every tenant's jobs are back.
    webhooks::webhook_dispatcher::saved_webhooks restore_tenant(tenant_state part,
                                                                std::string_view into);

    scheduling::tenant_clocks& clocks_;
    scheduling::manual_clock* manual_;
    jobs::job_service& jobs_;
    uploads::upload_store& uploads_;
    scenario::scenario_catalog& scenarios_;
    webhooks::webhook_dispatcher& webhooks_;
    fault_injector& faults_;
    const resetter& resets_;
    std::uint64_t seed_;
    std::function<void(const std::vector<std::string>& tenants)> on_restore_;
    std::atomic<std::uint64_t> taken_{0};
    std::atomic<std::uint64_t> restored_{0};
};

} // namespace emu::engine
