#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::scenario {

// What a launch offers to scenario matching.
struct launch_facts {
    std::string_view feature; // "audio/speech_to_text_async" (a v3 model's feature/subfeature)
    std::string_view api;     // "v2" or "v3"; "" when the call names none
    std::string_view model;   // a v3 launch's model string as sent; "" otherwise
    std::string_view tenant;  // the bearer token
    std::vector<std::string_view> providers;
    std::string_view file_name; // the uploaded file's name or file_url's last segment; "" if none
    // A request field as text (a JSON string's value, or other JSON compactly), if sent.
    std::function<std::optional<std::string>(std::string_view name)> field;
    // A request header's value, if sent.
    std::function<std::optional<std::string>(std::string_view name)> header;
};

// Conditions a launch must meet for a scenario to apply to it. Every condition given must hold;
// within a list, any entry may. Patterns are globs ("video/*", "*.wav"; see support/glob.hpp).
struct match_rules {
    std::vector<std::string> features;
    std::vector<std::string> apis;      // "v2", "v3"
    std::vector<std::string> models;    // v3 model strings ("ocr/ocr_async/*")
    std::vector<std::string> providers; // the job requests at least one of them
    std::vector<std::string> tenants;
    std::vector<std::string> file_names;
    std::vector<std::pair<std::string, std::string>> fields;  // field name, value pattern
    std::vector<std::pair<std::string, std::string>> headers; // header name, value pattern

    bool empty() const;

    bool matches(const launch_facts& facts) const;
};

} // namespace emu::scenario
