#pragma once

#include "server/api/result_renderer.hpp"
#include "server/jobs/job.hpp"

#include <string>

namespace emu::webhooks {

// The body of a job's webhook as Eden sends it: the GET envelope (with the launch's own
// display flags) plus "users_webhook_parameters" as sent (null when none were); without
// "results" when the launch set send_webhook_data=false. Serialized once, 2-space indented,
// the form Eden signs.
std::string webhook_body(const jobs::job_snapshot& job, const api::result_context& context);

} // namespace emu::webhooks
