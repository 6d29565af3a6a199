#pragma once

#include "fake_providers/registry.hpp"
#include "server/engine/fault_injector.hpp"
#include "server/features/feature_table.hpp"
#include "server/jobs/job_service.hpp"
#include "server/net/route_table.hpp"
#include "server/scenario/scenario_catalog.hpp"
#include "server/wire/result_cache.hpp"

#include <string_view>

namespace emu::eden_v2 {

// Eden's four async operations on a feature: launch, get one, list, delete all; each may meet
// a fault of the scenario it follows, hence answers rather than bare responses.
class jobs_endpoints {
public:
    jobs_endpoints(jobs::job_service& jobs,
                   const scenario::scenario_catalog& scenarios,
                   engine::fault_injector& faults,
                   const fake::registry& registry,
                   wire::result_cache& results,
                   std::uint64_t seed);

    // POST /v2/<feature>
    net::answer launch(const net::route_call& call, const features::feature_spec& feature);

    // GET /v2/<feature>/{public_id}
    net::answer get(const net::route_call& call, const features::feature_spec& feature);

    // GET /v2/<feature>
    net::answer list(const net::route_call& call, const features::feature_spec& feature);

    // DELETE /v2/<feature>
    net::answer remove_all(const net::route_call& call, const features::feature_spec& feature);

private:
    // The scenario whose faults apply to a list or delete: the one X-Edenmock-Scenario names,
    // else the catalog's choice for that feature, tenant and headers (no fields, no file).
    std::shared_ptr<const scenario::scenario>
    scenario_of_call(const net::request& req,
                     const features::feature_spec& feature,
                     std::string_view tenant) const;

    // The fault rule this list or delete call hits, if any.
    std::optional<scenario::fault_rule> feature_call_fault(const net::route_call& call,
                                                           const features::feature_spec& feature,
                                                           scenario::fault_call fault_call);

    jobs::job_service& jobs_;
    const scenario::scenario_catalog& scenarios_;
    const fake::registry& registry_;
    wire::result_cache& results_; // finished items already rendered
    engine::fault_injector& faults_;
    std::uint64_t seed_;
};

} // namespace emu::eden_v2
