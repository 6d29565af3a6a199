#pragma once

#include "fake_providers/generator_family.hpp"

#include <vector>

namespace emu::fake {

// The generator families of the video features.
std::vector<generator_family> video_generator_families();

} // namespace emu::fake
