#pragma once

// What the generator tests share: the default registry, and the feature table's providers, so
// that no test retypes a feature's provider list.
#include "fake_providers/registry.hpp"
#include "server/features/feature_table.hpp"

#include <boost/test/unit_test.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace emu::testing {

// The registry the emulator runs with, built once.
inline const fake::registry& default_generators() {
    static const fake::registry instance = fake::make_default_registry();
    return instance;
}

// The providers the feature table lists for a feature; fails the test when it lists none.
inline std::span<const std::string_view> providers_of(std::string_view feature) {
    const auto* spec = features::find_feature(feature);
    BOOST_REQUIRE_MESSAGE(spec != nullptr, feature << " is not in the feature table");
    BOOST_REQUIRE_MESSAGE(!spec->providers.empty(), feature << " lists no provider");
    return spec->providers;
}

// A feature of the feature table with its providers.
struct feature_providers {
    std::string_view feature;
    std::span<const std::string_view> providers;
};

// The feature table's features whose path starts with prefix ("video/"), in table order.
inline std::vector<feature_providers> features_under(std::string_view prefix) {
    std::vector<feature_providers> out;
    for (const auto& spec : features::all_features()) {
        if (spec.path.starts_with(prefix)) {
            out.push_back({spec.path, spec.providers});
        }
    }
    BOOST_REQUIRE_MESSAGE(!out.empty(), "no feature under " << prefix);
    return out;
}

} // namespace emu::testing
