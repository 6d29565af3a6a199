#pragma once

#include "fake_providers/generator_family.hpp"

#include <vector>

namespace emu::fake {

// The generator families of the image features.
std::vector<generator_family> image_generator_families();

} // namespace emu::fake
