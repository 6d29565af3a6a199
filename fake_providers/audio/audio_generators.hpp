#pragma once

#include "fake_providers/generator_family.hpp"

#include <vector>

namespace emu::fake {

// The generator families of the audio features.
std::vector<generator_family> audio_generator_families();

} // namespace emu::fake
