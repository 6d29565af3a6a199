#pragma once

#include "server/jobs/job_service.hpp"

#include <chrono>
#include <edenmock/server.hpp>
#include <string_view>

namespace emu::embed {

// The embedded server's await_job(): checks the job every 2 ms of real time until its status is
// `status` (see edenmock::server::await_job for what it throws). Moves no clock, counts no GET.
edenmock::job_state await_job(jobs::job_service& jobs,
                              std::string_view public_id,
                              std::string_view status,
                              std::chrono::milliseconds timeout);

} // namespace emu::embed
