#pragma once

#include "server/eden_v2/launch_form.hpp"
#include "server/features/feature_table.hpp"
#include "server/jobs/job.hpp"

#include <memory>
#include <vector>

namespace emu::eden_v2 {

// A launch that passed validation: who runs it and what it was given.
struct validated_launch {
    std::vector<jobs::requested_provider> providers;
    std::shared_ptr<jobs::job_input> input;
};

// Checks a launch body against the feature's parameters and reports every violation at once
// (throws api_error 400 with one entry per bad field). Unknown fields are ignored. Uploaded
// bytes are probed for metadata here and not kept.
validated_launch validate_launch(const features::feature_spec& feature, const launch_form& form);

} // namespace emu::eden_v2
