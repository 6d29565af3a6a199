#pragma once

#include "fake_providers/registry.hpp"
#include "server/api/fault_injector.hpp"
#include "server/api/http_types.hpp"
#include "server/features/feature_table.hpp"
#include "server/jobs/job_service.hpp"
#include "server/scenario/scenario_catalog.hpp"

#include <string_view>

namespace emu::api {

// Eden's four async operations on a feature: launch, get one, list, delete all; each may meet
// a fault of the scenario it follows, hence answers rather than bare responses.
class jobs_endpoints {
public:
    jobs_endpoints(jobs::job_service& jobs,
                   const scenario::scenario_catalog& scenarios,
                   fault_injector& faults,
                   const fake::registry& registry,
                   std::uint64_t seed);

    answer
    launch(const request& req, const features::feature_spec& feature, std::string_view tenant);

    answer get(const request& req,
               const features::feature_spec& feature,
               std::string_view tenant,
               std::string_view public_id);

    answer list(const request& req, const features::feature_spec& feature, std::string_view tenant);

    answer
    remove_all(const request& req, const features::feature_spec& feature, std::string_view tenant);

private:
    // The scenario whose faults apply to a list or delete: the one X-Edenmock-Scenario names,
    // else the catalog's choice for that feature, tenant and headers (no fields, no file).
    std::shared_ptr<const scenario::scenario> scenario_of_call(
        const request& req, const features::feature_spec& feature, std::string_view tenant) const;

    // The fault rule this list or delete call hits, if any.
    std::optional<scenario::fault_rule> feature_call_fault(const request& req,
                                                           const features::feature_spec& feature,
                                                           std::string_view tenant,
                                                           scenario::fault_call call);

    jobs::job_service& jobs_;
    const scenario::scenario_catalog& scenarios_;
    const fake::registry& registry_;
    fault_injector& faults_;
    std::uint64_t seed_;
};

// "http://<Host header>", the origin media URLs in results point at.
std::string request_origin(const request& req);

} // namespace emu::api
