#include "server/embed/job_await.hpp"

#include <stdexcept>
#include <string>
#include <thread>

namespace edenmock {

await_timeout::await_timeout(const std::string& message, job_state state)
    : std::runtime_error(message)
    , state_(std::move(state)) {}

} // namespace edenmock

namespace emu::embed {
namespace {

edenmock::job_state state_of(const jobs::job_snapshot& job) {
    const auto status = jobs::status_of(job);
    return {
        .public_id = job.id.to_string(),
        .feature = std::string{job.feature->path},
        .status = std::string{jobs::status_name(status, job.feature->api)},
        .error = status == jobs::job_status::failed ? jobs::job_error_message(job) : std::string{},
        .polls = job.polls,
    };
}

std::out_of_range unknown_job(std::string_view public_id) {
    return std::out_of_range("edenmock has no job \"" + std::string{public_id} + "\"");
}

} // namespace

edenmock::job_state await_job(jobs::job_service& jobs,
                              std::string_view public_id,
                              std::string_view status,
                              std::chrono::milliseconds timeout) {
    const auto wanted = jobs::parse_any_status(status);
    if (!wanted) {
        throw std::invalid_argument("await_job: status must be processing, finished or failed "
                                    "(v3: success or fail), not \"" +
                                    std::string{status} + "\"");
    }
    const auto id = jobs::job_id::parse(public_id);
    if (!id) {
        throw unknown_job(public_id);
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto job = jobs.find(*id);
        if (!job) {
            throw unknown_job(public_id);
        }
        auto state = state_of(*job);
        if (jobs::status_of(*job) == *wanted) {
            return state;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            const std::string message = "edenmock job " + state.public_id + " is " + state.status +
                                        ", not " + std::string{status} + ", after " +
                                        std::to_string(timeout.count()) + " ms";
            throw edenmock::await_timeout(message, std::move(state));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{2});
    }
}

} // namespace emu::embed
