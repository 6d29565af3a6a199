#pragma once

#include "fake_providers/registry.hpp"
#include "server/engine/fault_injector.hpp"
#include "server/features/v3_catalog.hpp"
#include "server/jobs/job_service.hpp"
#include "server/net/route_table.hpp"
#include "server/scenario/scenario_catalog.hpp"
#include "server/uploads/upload_store.hpp"
#include "server/wire/result_cache.hpp"

namespace emu::eden_v3 {

// Eden's v3 async job routes: create, get one, list, delete one. Scenario faults apply as on
// v2, answered in v3's error format.
class async_endpoints {
public:
    async_endpoints(jobs::job_service& jobs,
                    uploads::upload_store& uploads,
                    const features::v3_catalog& catalog,
                    const scenario::scenario_catalog& scenarios,
                    engine::fault_injector& faults,
                    const fake::registry& registry,
                    wire::result_cache& results,
                    std::uint64_t seed);

    // POST /v3/universal-ai/async
    net::answer create(const net::route_call& call) const;

    // GET /v3/universal-ai/async/{job_id}
    net::answer get(const net::route_call& call) const;

    // GET /v3/universal-ai/async
    net::answer list(const net::route_call& call) const;

    // DELETE /v3/universal-ai/async/{job_id}
    net::answer remove(const net::route_call& call) const;

private:
    // The fault a list or delete call hits: of the scenario X-Edenmock-Scenario names, else
    // of the catalog's choice for the tenant and headers.
    std::optional<scenario::fault_rule> call_fault(const net::route_call& call,
                                                   scenario::fault_call kind) const;

    jobs::job_service& jobs_;
    uploads::upload_store& uploads_;
    const features::v3_catalog& catalog_;
    const scenario::scenario_catalog& scenarios_;
    engine::fault_injector& faults_;
    const fake::registry& registry_;
    wire::result_cache& results_; // finished outputs already rendered
    std::uint64_t seed_;
};

} // namespace emu::eden_v3
