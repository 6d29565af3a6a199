#include "server/scenario/match_rules.hpp"

#include "server/support/glob.hpp"

#include <algorithm>

namespace emu::scenario {

bool match_rules::empty() const {
    return features.empty() && apis.empty() && models.empty() && providers.empty() &&
           tenants.empty() && file_names.empty() && fields.empty() && headers.empty();
}

namespace {

bool any_glob(const std::vector<std::string>& patterns, std::string_view text) {
    return patterns.empty() || std::any_of(patterns.begin(), patterns.end(), [&](const auto& p) {
               return support::glob_matches(p, text);
           });
}

} // namespace

bool match_rules::matches(const launch_facts& facts) const {
    if (!any_glob(features, facts.feature) || !any_glob(tenants, facts.tenant)) {
        return false;
    }
    if (!apis.empty() && (facts.api.empty() || !any_glob(apis, facts.api))) {
        return false;
    }
    if (!models.empty() && (facts.model.empty() || !any_glob(models, facts.model))) {
        return false;
    }
    if (!file_names.empty() &&
        (facts.file_name.empty() || !any_glob(file_names, facts.file_name))) {
        return false;
    }
    if (!providers.empty() &&
        std::none_of(facts.providers.begin(), facts.providers.end(), [&](std::string_view p) {
            return std::find(providers.begin(), providers.end(), p) != providers.end();
        })) {
        return false;
    }
    for (const auto& [name, pattern] : fields) {
        const auto value = facts.field ? facts.field(name) : std::nullopt;
        if (!value || !support::glob_matches(pattern, *value)) {
            return false;
        }
    }
    for (const auto& [name, pattern] : headers) {
        const auto value = facts.header ? facts.header(name) : std::nullopt;
        if (!value || !support::glob_matches(pattern, *value)) {
            return false;
        }
    }
    return true;
}

} // namespace emu::scenario
