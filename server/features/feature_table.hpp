#pragma once

#include "server/support/enum_names.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace emu::features {

// How a launch parameter's value is checked and normalized.
enum class param_type {
    string,  // text; numbers are accepted and kept as text (as Django REST Framework does)
    integer, // whole number, "12" accepted from forms
    number,  // floating point
    boolean, // true/false and DRF's spellings ("1", "yes", "on", ...)
    choice,  // one of param_spec::choices
    json,    // JSON object, or text holding one (settings, provider_params)
};

// One feature-specific launch parameter, as Eden's OpenAPI document declares it.
struct param_spec {
    std::string_view name;
    param_type type = param_type::string;
    bool required = false;
    bool nullable = false;
    std::optional<double> minimum{};
    std::optional<double> maximum{};
    std::size_t min_length = 0; // 0: no minimum
    std::size_t max_length = 0; // 0: no maximum
    std::span<const std::string_view> choices{};
};

// Whether a feature analyses an input file (file or file_url).
enum class input_need { none, optional, required };

// Which of Eden's APIs a feature is served on.
enum class api_version { v2, v3 };

// "v2", "v3": as the request journal and scenario files write them.
inline constexpr support::enum_names<api_version, 2> api_version_names{{"v2", "v3"}};

// One async feature: its path (below /v2/, or a v3 model string's feature/subfeature),
// providers, and parameters.
struct feature_spec {
    std::string_view path; // "audio/speech_to_text_async"
    bool deletable = true; // the three automl features have no DELETE
    input_need input = input_need::required;
    // Allowed extensions of an uploaded file, '|'-separated ("mov|mp4|avi"); empty: any.
    std::string_view file_extensions{};
    std::span<const std::string_view> providers{};
    std::span<const param_spec> params{};
    api_version api = api_version::v2;
};

// The 20 features of Eden AI's v2 async surface, from Eden's OpenAPI document.
std::span<const feature_spec> all_features();

// The feature at a path below /v2/ (no slashes around it), or nullptr.
const feature_spec* find_feature(std::string_view path);

} // namespace emu::features
