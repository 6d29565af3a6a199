#include "server/jobs/job.hpp"

#include <algorithm>

namespace emu::jobs {

namespace {

job_status status_of(provider_status status) {
    switch (status) {
    case provider_status::finished:
        return job_status::finished;
    case provider_status::failed:
        return job_status::failed;
    case provider_status::processing:
        break;
    }
    return job_status::processing;
}

} // namespace

job_snapshot snapshot_of(job j) {
    return job_snapshot{j.id,
                        j.tenant,
                        j.feature,
                        j.created_at,
                        std::move(j.input),
                        std::move(j.plan),
                        std::move(j.forced),
                        std::move(j.providers),
                        j.failed_as_job,
                        j.polls,
                        j.launch_seq,
                        j.ended_at};
}

job job_of(const job_snapshot& shot) {
    job j;
    j.id = shot.id;
    j.tenant = shot.tenant;
    j.feature = shot.feature;
    j.created_at = shot.created_at;
    j.input = shot.input;
    j.plan = shot.plan;
    j.forced = shot.forced;
    j.providers = shot.providers;
    j.failed_as_job = shot.failed_as_job;
    j.polls = shot.polls;
    j.launch_seq = shot.launch_seq;
    j.ended_at = shot.ended_at;
    return j;
}

const provider_run* serving_provider(const std::vector<provider_run>& providers,
                                     features::api_version api) {
    if (providers.empty()) {
        return nullptr;
    }
    if (api == features::api_version::v3) {
        for (const auto& run : providers) {
            if (run.status != provider_status::failed) {
                return &run;
            }
        }
        return &providers.back();
    }
    return &providers.front();
}

job_status status_of(const std::vector<provider_run>& providers,
                     bool failed_as_job,
                     features::api_version api) {
    if (failed_as_job) {
        return job_status::failed;
    }
    if (api == features::api_version::v3) {
        const auto* serving = serving_provider(providers, api);
        return serving == nullptr ? job_status::failed : status_of(serving->status);
    }
    bool any_finished = false;
    for (const auto& run : providers) {
        if (run.status == provider_status::processing) {
            return job_status::processing;
        }
        any_finished = any_finished || run.status == provider_status::finished;
    }
    return any_finished ? job_status::finished : job_status::failed;
}

job_status status_of(const job_snapshot& job) {
    return status_of(job.providers, job.failed_as_job, job.feature->api);
}

list_view list_view_of(const std::vector<provider_run>& providers,
                       bool failed_as_job,
                       features::api_version api) {
    list_view view;
    view.status = status_of(providers, failed_as_job, api);
    view.succeeded = static_cast<std::size_t>(
        std::count_if(providers.begin(), providers.end(), [](const provider_run& run) {
            return run.status == provider_status::finished;
        }));
    view.failed_as_job = failed_as_job;
    return view;
}

std::string job_error_message(const job_snapshot& job) {
    if (job.failed_as_job) {
        return job.plan->job_failure->message;
    }
    const auto& providers = job.providers;
    const auto it = std::find_if(providers.begin(), providers.end(), [](const provider_run& run) {
        return run.status == provider_status::failed && run.step != nullptr;
    });
    return it == providers.end() ? std::string{} : it->step->error_message;
}

} // namespace emu::jobs
