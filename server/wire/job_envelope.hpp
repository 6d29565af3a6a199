#pragma once

#include "fake_providers/registry.hpp"
#include "server/jobs/job.hpp"
#include "server/wire/result_cache.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace emu::wire {

// What results are generated from besides the job: the registry, the emulator's seed and
// the base URL media links point at ("http://host:port").
struct result_context {
    const fake::registry& registry;
    std::uint64_t seed = 0;
    std::string_view base_url;
};

// GET query options; unset ones fall back to what the launch asked for (text-to-speech takes
// response_as_dict at launch too), then to Eden's defaults. The webhook body sets none.
struct render_options {
    std::optional<bool> response_as_dict;
    std::optional<bool> show_original_response;
    std::optional<bool> show_base_64;
};

// Generates one finished provider's result (fields and, when asked, original_response).
fake::generated_result generate_result(const jobs::job_snapshot& job,
                                       const jobs::provider_run& run,
                                       const result_context& context,
                                       bool original_response);

// The GET envelope {"public_id", "status", "error", "results"} in Eden's key order.
boost::json::object render_job(const jobs::job_snapshot& job,
                               const render_options& options,
                               const result_context& context);

// The cache key of a finished provider's text in `form` (v3 shows no base64 media: false).
result_key finished_result_key(const jobs::job_snapshot& job,
                               std::uint32_t provider,
                               bool original_response,
                               bool base_64,
                               const result_context& context,
                               result_form form);

// The same envelope as compact JSON text, byte for byte json_text::compact(render_job(...)),
// with each finished provider's item taken from the cache when kept there (and kept once
// rendered).
std::string render_job_text(const jobs::job_snapshot& job,
                            const render_options& options,
                            const result_context& context,
                            result_cache& cache);

} // namespace emu::wire
