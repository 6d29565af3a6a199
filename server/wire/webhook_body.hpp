#pragma once

#include "server/jobs/job.hpp"
#include "server/wire/job_envelope.hpp"

#include <string>

namespace emu::wire {

// The body of a job's webhook as Eden sends it: the GET envelope (with the launch's own
// display flags) plus "users_webhook_parameters" as sent (null when none were); without
// "results" when the launch set send_webhook_data=false. Serialized once, 2-space indented,
// the form Eden signs.
std::string webhook_body(const jobs::job_snapshot& job, const result_context& context);

} // namespace emu::wire
