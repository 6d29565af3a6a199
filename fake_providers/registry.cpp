#include "fake_providers/registry.hpp"

#include "fake_providers/audio/audio_generators.hpp"
#include "fake_providers/image/image_generators.hpp"
#include "fake_providers/ocr/ocr_generators.hpp"
#include "fake_providers/registry_build.hpp"
#include "fake_providers/video/video_generators.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace emu::fake {

namespace {

// Reports a disagreement between the feature table and the generator families.
[[noreturn]] void mismatch(const std::string& what) {
    throw std::logic_error{"fake provider registry: " + what};
}

std::string quoted(std::string_view text) {
    return "\"" + std::string{text} + "\"";
}

// Throws unless the feature table lists each family's feature and specific providers, and no
// feature has two families: a generator the table does not reach is a mistake, not a spare.
void check_families(std::span<const features::feature_spec> features,
                    std::span<const generator_family> families) {
    for (auto family = families.begin(); family != families.end(); ++family) {
        const auto of_family = [&](const features::feature_spec& f) {
            return f.path == family->feature;
        };
        if (std::none_of(features.begin(), features.end(), of_family)) {
            mismatch("generator family for feature " + quoted(family->feature) +
                     ", which the feature table does not list");
        }
        if (std::any_of(families.begin(), family, [&](const generator_family& earlier) {
                return earlier.feature == family->feature;
            })) {
            mismatch("two generator families for feature " + quoted(family->feature));
        }
        for (const auto& own : family->specific) {
            // A feature may be listed once per API (v2 and v3), each with its providers.
            if (std::none_of(features.begin(), features.end(), [&](const auto& f) {
                    return of_family(f) &&
                           std::find(f.providers.begin(), f.providers.end(), own.provider) !=
                               f.providers.end();
                })) {
                mismatch("generator for provider " + quoted(own.provider) + " of " +
                         quoted(family->feature) + ", which the feature table does not list");
            }
        }
    }
}

} // namespace

registry::registry(generator_map generators)
    : generators_(std::move(generators)) {}

generator registry::find(std::string_view feature, std::string_view provider) const {
    const auto it = generators_.find(std::pair<std::string, std::string>{feature, provider});
    return it == generators_.end() ? nullptr : it->second;
}

std::vector<generator_family> default_generator_families() {
    std::vector<generator_family> families;
    for (const auto& group : {audio_generator_families(),
                              image_generator_families(),
                              ocr_generator_families(),
                              video_generator_families()}) {
        families.insert(families.end(), group.begin(), group.end());
    }
    return families;
}

registry build_registry(std::span<const features::feature_spec> features,
                        std::span<const generator_family> families) {
    check_families(features, families);
    registry::generator_map generators;
    for (const auto& feature : features) {
        const auto family =
            std::find_if(families.begin(), families.end(), [&](const generator_family& f) {
                return f.feature == feature.path;
            });
        for (const auto provider : feature.providers) {
            const generator fn =
                family == families.end() ? nullptr : family->for_provider(provider);
            if (fn == nullptr) {
                mismatch("no generator for provider " + quoted(provider) + " of " +
                         quoted(feature.path));
            }
            generators.emplace(std::pair<std::string, std::string>{feature.path, provider}, fn);
        }
    }
    return registry{std::move(generators)};
}

registry make_default_registry() {
    // Eden's v3 API offers providers its v2 API does not. Until the v3 catalog's features feed
    // the registry, a family's own generator for a provider the v2 table does not list is taken
    // to serve that feature on v3 only; the fake_providers tests hold each such provider to the
    // v3 catalog (tests/unit/fake_providers/v3_catalog_test.cpp).
    const auto families = default_generator_families();
    std::vector<features::feature_spec> table{features::all_features().begin(),
                                              features::all_features().end()};
    std::vector<std::vector<std::string_view>> v3_only(families.size());
    for (std::size_t i = 0; i < families.size(); ++i) {
        const auto* v2 = features::find_feature(families[i].feature);
        for (const auto& own : families[i].specific) {
            if (v2 != nullptr &&
                std::find(v2->providers.begin(), v2->providers.end(), own.provider) ==
                    v2->providers.end()) {
                v3_only[i].push_back(own.provider);
            }
        }
        if (!v3_only[i].empty()) {
            table.push_back(features::feature_spec{.path = families[i].feature,
                                                   .providers = v3_only[i],
                                                   .api = features::api_version::v3});
        }
    }
    return build_registry(table, families);
}

} // namespace emu::fake
