#pragma once

#include "server/features/v3_catalog.hpp"
#include "server/jobs/job.hpp"
#include "server/uploads/upload_store.hpp"

#include <boost/json/object.hpp>

#include <memory>
#include <string_view>
#include <vector>

namespace emu::eden_v3 {

// A POST /v3/universal-ai/async body that passed every check: the subfeature, the model and
// its fallbacks (in the order they serve), and the job's input.
struct async_launch {
    const features::feature_spec* spec = nullptr;
    std::vector<jobs::requested_provider> providers; // the model's, then each fallback's
    std::shared_ptr<const jobs::job_input> input;
    boost::json::object fields; // `input` as sent, for scenario matching
    std::string model;          // the model string as sent
};

// Checks a create body in Eden's order (README "v3 errors"): the body's own keys (FastAPI's 422
// list), the model string (400), its subfeature and provider (404; 400 for a sync
// subfeature), the fallbacks, then the input fields (the live 422 {"detail": "Validation
// error", "errors"}); file ids are looked up in the tenant's uploads. Throws net::api_error.
async_launch read_async_launch(std::string_view body,
                               const features::v3_catalog& catalog,
                               uploads::upload_store& uploads,
                               std::string_view tenant);

} // namespace emu::eden_v3
