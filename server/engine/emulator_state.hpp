#pragma once

#include "server/engine/fault_injector.hpp"
#include "server/jobs/job_service.hpp"
#include "server/scenario/scenario.hpp"
#include "server/scheduling/clock.hpp"
#include "server/uploads/upload_store.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace emu::engine {

using scenario_ptr = std::shared_ptr<const scenario::scenario>;

// One tenant's share of the emulator's state, as a snapshot holds it.
struct tenant_state {
    std::string tenant;
    scheduling::instant now; // the tenant's time when it was taken
    jobs::tenant_jobs jobs;
    std::vector<uploads::upload> uploads;
    fault_injector::by_scenario fault_counts;
    std::vector<scenario_ptr> scenarios; // the tenant's own runtime scenarios
    std::vector<webhooks::webhook_dispatcher::saved_delivery> deliveries; // oldest first
    std::vector<webhooks::attempt_record> webhook_journal;                // oldest first
};

// The emulator's state, or one tenant's, as a snapshot holds it (wire/snapshot_document.hpp
// maps it to JSON and back).
struct emulator_state {
    std::uint64_t seed = 0;
    scheduling::instant now; // the emulator's clock
    bool manual_clock = false;
    std::optional<std::string> tenant;   // set: the snapshot of this tenant alone
    std::vector<scenario_ptr> scenarios; // shared runtime scenarios (whole snapshots)
    std::uint64_t upload_counter = 0;    // files added so far, every tenant
    // The webhook engine's counters (deliveries and journal records live in their tenants).
    webhooks::webhook_dispatcher::saved_webhooks webhook_counters;
    std::vector<tenant_state> tenants; // by name
};

} // namespace emu::engine
