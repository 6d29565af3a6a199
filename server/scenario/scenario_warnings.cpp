#include "server/scenario/scenario_warnings.hpp"

#include "server/features/feature_table.hpp"
#include "server/features/v3_catalog.hpp"
#include "server/support/glob.hpp"
#include "server/support/near_words.hpp"

#include <algorithm>
#include <set>
#include <span>
#include <string_view>

namespace emu::scenario {
namespace {

// Every async feature (v2 and v3), provider and v3 model string a launch can carry.
struct known_names {
    std::vector<const features::feature_spec*> specs;
    std::vector<std::string_view> features;
    std::vector<std::string_view> providers;
    std::vector<std::string> models; // "feature/subfeature/provider[/model]"

    known_names() {
        for (const auto& spec : features::all_features()) {
            specs.push_back(&spec);
        }
        const auto& catalog = features::v3_catalog::shipped();
        for (const auto& spec : catalog.async_specs()) {
            specs.push_back(&spec);
            const auto& sub = catalog.subfeature_of(spec);
            for (const auto& model : sub.models) {
                models.push_back(model.id);
            }
            for (const auto provider : sub.providers) {
                models.push_back(sub.path + "/" + std::string{provider}); // its default model
            }
        }
        std::set<std::string_view> distinct;
        for (const auto* spec : specs) {
            features.push_back(spec->path);
            distinct.insert(spec->providers.begin(), spec->providers.end());
        }
        providers.assign(distinct.begin(), distinct.end());
    }
};

const known_names& known() {
    static const known_names names;
    return names;
}

template <class Names>
bool any_matches(std::string_view pattern, const Names& names) {
    return std::any_of(names.begin(), names.end(), [&](const auto& name) {
        return support::glob_matches(pattern, name);
    });
}

bool is_provider(std::string_view name) {
    const auto& providers = known().providers;
    return std::find(providers.begin(), providers.end(), name) != providers.end();
}

} // namespace

std::vector<std::string> scenario_warnings(const scenario& plan) {
    const auto& names = known();
    const auto& rules = plan.match;
    std::vector<std::string> warnings;
    for (const auto& pattern : rules.features) {
        if (!any_matches(pattern, names.features)) {
            warnings.push_back("match.feature \"" + pattern + "\" matches no v2 or v3 feature" +
                               support::did_you_mean(pattern, names.features));
        }
    }
    for (const auto& pattern : rules.apis) {
        if (!support::glob_matches(pattern, "v2") && !support::glob_matches(pattern, "v3")) {
            warnings.push_back("match.api \"" + pattern + "\" matches neither \"v2\" nor \"v3\"");
        }
    }
    std::vector<std::string_view> models(names.models.begin(), names.models.end());
    for (const auto& pattern : rules.models) {
        if (!any_matches(pattern, names.models)) {
            warnings.push_back("match.model \"" + pattern + "\" matches no v3 model" +
                               support::did_you_mean(pattern, models));
        }
    }
    for (const auto& provider : rules.providers) {
        if (!is_provider(provider)) {
            warnings.push_back("match.provider \"" + provider +
                               "\" names no provider of any feature" +
                               support::did_you_mean(provider, names.providers));
        }
    }
    // Known providers, none of which the features matched offer: no launch meets both rules.
    const bool some_known =
        std::any_of(rules.providers.begin(), rules.providers.end(), is_provider);
    if (!rules.features.empty() && some_known && warnings.empty()) {
        const auto offers_one = [&](const features::feature_spec* spec) {
            const auto matched =
                std::any_of(rules.features.begin(), rules.features.end(), [&](const auto& p) {
                    return support::glob_matches(p, spec->path);
                });
            return matched &&
                   std::any_of(
                       spec->providers.begin(), spec->providers.end(), [&](std::string_view name) {
                           return std::find(rules.providers.begin(), rules.providers.end(), name) !=
                                  rules.providers.end();
                       });
        };
        if (std::none_of(names.specs.begin(), names.specs.end(), offers_one)) {
            warnings.push_back("match.provider names no provider of the features match.feature "
                               "matches, so no launch meets both");
        }
    }
    for (const auto& [provider, steps] : plan.timelines) {
        if (provider != "*" && !is_provider(provider)) {
            warnings.push_back("timelines." + provider + " names no provider of any feature" +
                               support::did_you_mean(provider, names.providers));
        }
    }
    return warnings;
}

} // namespace emu::scenario
