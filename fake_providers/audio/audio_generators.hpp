#pragma once

#include "fake_providers/registry.hpp"

namespace emu::fake {

// Adds the audio feature generators to a registry.
void register_audio_generators(registry& target);

} // namespace emu::fake
