#pragma once

#include "fake_providers/deterministic.hpp"
#include "fake_providers/generation.hpp"
#include "fake_providers/web/schema_instance.hpp"
#include "fake_providers/web/site.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// What the web generators share: input-derived randomness, structured data, and Eden's usage,
// failed_results and sources items.
namespace emu::fake::web {

// A generator drawn from the job's input and the emulator's seed, not from the job id: every
// job with this input gets the same values.
rng input_rng(const generation_request& request, std::string_view input, std::string_view salt);

// Material from the prompt's keywords, then those of the titles of the pages read, and the
// pages' URLs; a placeholder word or URL where there are none.
instance_material material_of(std::string_view prompt,
                              std::span<const std::string> titles,
                              std::vector<std::string> urls);

// The job's structured data: an instance of its "schema" parameter (a JSON Schema object as
// compact JSON text) drawn from the material, or schemaless_data without one. The same for the
// same input and provider.
boost::json::value structured_data(const generation_request& request,
                                   const instance_material& material);

// Eden's usage dict: the credits the provider charged and the pages it read.
boost::json::object eden_usage(std::int64_t credits, std::size_t pages);

// Eden's failed_results: {"url", "error"} for each URL that could not be fetched.
boost::json::array eden_failed_results(std::span<const failed_fetch> failures);

// Eden's sources[] item; a null snippet or favicon where the provider gives none.
boost::json::object eden_source(std::string_view title,
                                std::string_view url,
                                const boost::json::value& snippet,
                                const boost::json::value& favicon);

} // namespace emu::fake::web
