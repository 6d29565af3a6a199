#pragma once

// The one fake_providers header that includes server/features: registries are built by walking
// the feature table, the one list of each feature's providers (from Eden's OpenAPI document),
// so that generator files name only the providers whose character they write.
#include "fake_providers/generator_family.hpp"
#include "fake_providers/registry.hpp"
#include "server/features/feature_table.hpp"

#include <span>
#include <vector>

namespace emu::fake {

// Every generator family this project ships, one per feature of the feature table.
std::vector<generator_family> default_generator_families();

// One generator for each (feature, provider) pair of features, asked of the feature's family.
// Throws std::logic_error, naming what is wrong, for a provider that gets no generator, a
// feature without a family or with two, and a family or provider generator for a feature or
// provider that features does not list.
registry build_registry(std::span<const features::feature_spec> features,
                        std::span<const generator_family> families);

} // namespace emu::fake
