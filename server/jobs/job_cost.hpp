#pragma once

#include "server/features/v3_catalog.hpp"
#include "server/jobs/job.hpp"

namespace emu::jobs {

// Seconds an input counts as when nothing tells its duration (a file URL the emulator does not
// fetch, a file whose header it cannot read).
inline constexpr double unknown_duration_seconds = 60;

// What a v3 job costs on `model`: price × units / price_unit_quantity, the units counted from
// the job's input as docs/v3-catalog.md says. Failed attempts cost nothing: the caller prices
// only a job that succeeded.
double v3_cost(const job_snapshot& job, const features::v3_model& model);

} // namespace emu::jobs
