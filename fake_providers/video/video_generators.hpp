#pragma once

#include "fake_providers/registry.hpp"

namespace emu::fake {

// Adds the video feature generators to a registry.
void register_video_generators(registry& target);

} // namespace emu::fake
