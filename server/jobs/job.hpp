#pragma once

#include "fake_providers/generation.hpp"
#include "server/features/feature_table.hpp"
#include "server/jobs/faker_provider.hpp"
#include "server/jobs/job_id.hpp"
#include "server/scenario/scenario.hpp"
#include "server/scheduling/clock.hpp"
#include "server/support/enum_names.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::jobs {

using scenario::provider_status;

// A job's overall status, derived from its providers.
enum class job_status { processing, finished, failed };

// Eden's names of job statuses.
inline constexpr support::enum_names<job_status, 3> job_status_names{
    {"processing", "finished", "failed"}};

inline std::string_view to_string(job_status status) {
    return job_status_names(status);
}

// Eden v3's names of the same statuses.
inline constexpr support::enum_names<job_status, 3> v3_job_status_names{
    {"processing", "success", "fail"}};

// The status as the API names it.
inline std::string_view status_name(job_status status, features::api_version api) {
    return api == features::api_version::v3 ? v3_job_status_names(status)
                                            : job_status_names(status);
}

// A status by either API's name ("finished" or "success"), for the control API and the
// embedded server, which serve jobs of both.
inline std::optional<job_status> parse_any_status(std::string_view name) {
    const auto v2 = job_status_names.parse(name);
    return v2 ? v2 : v3_job_status_names.parse(name);
}

// What a launch asked for, fixed for the job's life: validated parameters and input metadata
// (never the uploaded bytes). Shared by the job and by readers generating results from it.
struct job_input {
    fake::launch_params params;
    std::optional<fake::input_file> file;
    bool show_original_response = false;
    bool show_base_64 = true;
    std::string webhook_receiver;
    std::string users_webhook_parameters; // JSON text as sent; empty when absent
    bool send_webhook_data = true;
};

// A provider requested at launch: "amazon" or "amazon/model".
struct requested_provider {
    std::string_view name; // points into the feature table
    std::string model;
};

// One provider's sub-job: its own id and its own position on its scenario timeline.
struct provider_run {
    std::string_view name; // points into the feature table
    std::string model;
    job_id sub_id;
    provider_status status = provider_status::processing;
    std::uint16_t next_step = 0;
    std::uint32_t polls_at_step = 0; // the job's GET count when the current step applied
    bool poll_driven = false;        // moved by polls (Eden's faker), not by the timeline
    faker_mode faker = faker_mode::random;
    const scenario::step* step = nullptr; // the step shown now (error, literal result), if any
    scheduling::instant step_at{};        // when the current step applied (launch before any)
};

// What a list row shows of a job's progress, taken together so that a lazy row (as of the
// job's last GET) never mixes moments.
struct list_view {
    job_status status = job_status::processing;
    std::size_t succeeded = 0;  // providers showing finished
    bool failed_as_job = false; // the scenario's job_failure applied
};

// A launched job as the store keeps it.
struct job {
    job_id id;
    const std::string* tenant = nullptr; // node of the service's tenant set; stable
    const features::feature_spec* feature = nullptr;
    scheduling::instant created_at;
    std::shared_ptr<const job_input> input;
    std::shared_ptr<const scenario::scenario> plan;
    std::vector<provider_run> providers;
    list_view observed;                                // as of the last GET (lazy listing)
    std::uint32_t polls = 0;                           // GETs of this job so far
    std::uint64_t launch_seq = 0;                      // launch order, over every tenant
    bool failed_as_job = false;                        // the scenario's job_failure applied
    std::optional<scheduling::instant> ended_at;       // when it first became finished or failed
    std::optional<scheduling::instant> end_visible_at; // GET shows the end from then on
    // Steps forced through the control API; shared so snapshots keep them alive.
    std::vector<std::shared_ptr<const scenario::step>> forced;
};

// Overall status: failed after a job-level failure. A v2 job runs every provider: processing
// until every provider is terminal, then finished when at least one succeeded, else failed. A v3
// job is a fallback chain (the model, then its fallbacks): the first provider that has not
// failed serves it, and its status is the job's; failed when every one failed.
job_status status_of(const std::vector<provider_run>& providers,
                     bool failed_as_job,
                     features::api_version api);

// The provider serving a job of `api`: for v3 the first that has not failed (the last when all
// did); for v2 the first. Nullptr without providers.
const provider_run* serving_provider(const std::vector<provider_run>& providers,
                                     features::api_version api);

// A consistent copy of a job for readers outside the service's lock.
struct job_snapshot {
    job_id id;
    const std::string* tenant = nullptr;
    const features::feature_spec* feature = nullptr;
    scheduling::instant created_at;
    std::shared_ptr<const job_input> input;
    std::shared_ptr<const scenario::scenario> plan;            // keeps provider_run::step alive
    std::vector<std::shared_ptr<const scenario::step>> forced; // likewise for forced steps
    std::vector<provider_run> providers;
    bool failed_as_job = false;
    std::uint32_t polls = 0;                     // GETs of the job so far
    std::uint64_t launch_seq = 0;                // launch order, over every tenant
    std::optional<scheduling::instant> ended_at; // when it first became finished or failed
};

// The copy of a job a snapshot keeps, and the job made again from one (its lazy list view and
// end visibility at their defaults).
job_snapshot snapshot_of(job j);
job job_of(const job_snapshot& shot);

// The job's status (see status_of above).
job_status status_of(const job_snapshot& job);

// What a list row shows of providers in these states.
list_view list_view_of(const std::vector<provider_run>& providers,
                       bool failed_as_job,
                       features::api_version api);

// The top-level "error" text of a failed job: the job failure's message, else the first failed
// provider's message.
std::string job_error_message(const job_snapshot& job);

// One row of the list endpoint.
struct job_summary {
    job_id id;
    std::vector<std::string_view> providers;
    std::size_t succeeded = 0;
    job_status status = job_status::processing;
    std::string_view state; // the list's "state" text ("Timeout error" for some job failures)
    scheduling::instant created_at;
};

} // namespace emu::jobs
