#pragma once

#include "fake_providers/generation.hpp"

#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace emu::fake {

// Result generators keyed by (feature, provider): one for each pair of the feature table, as
// build_registry (registry_build.hpp) and make_default_registry make them.
class registry {
public:
    using generator_map = std::map<std::pair<std::string, std::string>, generator, std::less<>>;

    explicit registry(generator_map generators);

    // The pair's generator, or nullptr for a pair the registry was not built with.
    generator find(std::string_view feature, std::string_view provider) const;

private:
    generator_map generators_;
};

// The feature table's pairs with the generator families this project ships (no static
// self-registration). Throws std::logic_error when the table and the families disagree.
registry make_default_registry();

} // namespace emu::fake
