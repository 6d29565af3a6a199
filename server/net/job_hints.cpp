#include "server/net/job_hints.hpp"

namespace emu::net {

namespace {

// Where a job is polled: "GET /v2/<feature>/<id>" or "GET /v3/universal-ai/async/<id>".
std::string poll_route(const jobs::job_snapshot& job) {
    const auto id = job.id.to_string();
    if (job.feature->api == features::api_version::v3) {
        return "GET /v3/universal-ai/async/" + id;
    }
    return "GET /v2/" + std::string{job.feature->path} + "/" + id;
}

} // namespace

std::string job_miss_hint(jobs::job_service& jobs,
                          std::string_view tenant,
                          std::string_view asked_id,
                          const jobs::job_scope& asked,
                          hint_mode mode) {
    const auto id = jobs::job_id::parse(asked_id);
    if (!id) {
        constexpr std::size_t shown = 40;
        return "\"" + std::string{asked_id.substr(0, shown)} +
               (asked_id.size() > shown ? "...\"" : "\"") +
               " is not a public_id: launches answer ids like "
               "\"3f2b8c1e-0a4d-4e6f-9b7a-1c2d3e4f5a6b\"";
    }
    const auto job = jobs.find(*id);
    if (!job) {
        return "no job has this id on this edenmock: it was never launched here, was deleted, "
               "or has passed its retention";
    }
    if (*job->tenant != tenant) {
        return mode == hint_mode::on ? "this job belongs to another API key"
                                     : "this API key has no job with this id";
    }
    if (asked.holds(*job->feature)) {
        return {};
    }
    const auto api = features::api_version_names(job->feature->api);
    return "this job belongs to " + std::string{job->feature->path} + " (" + std::string{api} +
           "): " + poll_route(*job);
}

} // namespace emu::net
