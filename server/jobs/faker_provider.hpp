#pragma once

#include "server/jobs/job_id.hpp"
#include "server/scenario/scenario.hpp"

#include <cstdint>
#include <string_view>

namespace emu::jobs {

// Eden AI's own test provider "faker" (speech-to-text): its sub-job moves only when the job is
// polled. Each poll of a pending faker sub-job finishes it with probability 248/999, fails it
// ("error") with 6/999, else leaves it pending, as edenai-apis' faker_api.py does. The draw is
// seeded, so a given seed and poll sequence always give the same outcome. Eden makes the
// outcome certain for provider job ids "FINISHED", "ERROR" and "pending"; edenmock takes these
// from the model slot: providers=faker/FINISHED, faker/ERROR, faker/pending.
enum class faker_mode { random, finished, error, pending };

faker_mode faker_mode_for(std::string_view model);

// The status after poll number `poll` (0 for the first) of a pending faker sub-job.
scenario::provider_status
faker_poll(faker_mode mode, std::uint64_t seed, const job_id& sub_id, std::uint32_t poll);

// The failure a faker sub-job shows: Eden's faker raises Exception("error").
const scenario::step& faker_failure();

} // namespace emu::jobs
