#pragma once

#include "fake_providers/registry.hpp"
#include "server/api/http_types.hpp"
#include "server/features/feature_table.hpp"
#include "server/jobs/job_service.hpp"
#include "server/scenario/scenario_catalog.hpp"

#include <string_view>

namespace emu::api {

// Eden's four async operations on a feature: launch, get one, list, delete all.
class jobs_endpoints {
public:
    jobs_endpoints(jobs::job_service& jobs,
                   const scenario::scenario_catalog& scenarios,
                   const fake::registry& registry,
                   std::uint64_t seed);

    response
    launch(const request& req, const features::feature_spec& feature, std::string_view tenant);

    response get(const request& req,
                 const features::feature_spec& feature,
                 std::string_view tenant,
                 std::string_view public_id);

    response
    list(const request& req, const features::feature_spec& feature, std::string_view tenant);

    response
    remove_all(const request& req, const features::feature_spec& feature, std::string_view tenant);

private:
    jobs::job_service& jobs_;
    const scenario::scenario_catalog& scenarios_;
    const fake::registry& registry_;
    std::uint64_t seed_;
};

// "http://<Host header>", the origin media URLs in results point at.
std::string request_origin(const request& req);

} // namespace emu::api
