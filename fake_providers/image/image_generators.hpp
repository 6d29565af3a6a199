#pragma once

#include "fake_providers/registry.hpp"

namespace emu::fake {

// Adds the image feature generators to a registry.
void register_image_generators(registry& target);

} // namespace emu::fake
