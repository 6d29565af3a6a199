#pragma once

#include "server/jobs/job_service.hpp"
#include "server/net/hints.hpp"

#include <string>
#include <string_view>

namespace emu::net {

// The near-miss hint of a job id the caller asked for where it has no such job: the id is not
// one, the job is another feature's or the other API's ("this job belongs to
// audio/speech_to_text_async: GET /v2/audio/speech_to_text_async/<id>"), another key's (only
// with --hints on), or unknown here. Counts no poll.
std::string job_miss_hint(jobs::job_service& jobs,
                          std::string_view tenant,
                          std::string_view asked_id,
                          const jobs::job_scope& asked,
                          hint_mode mode);

} // namespace emu::net
