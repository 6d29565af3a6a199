#include "server/jobs/job.hpp"

#include <algorithm>

namespace emu::jobs {

job_status status_of(const std::vector<provider_run>& providers, bool failed_as_job) {
    if (failed_as_job) {
        return job_status::failed;
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
    return status_of(job.providers, job.failed_as_job);
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
