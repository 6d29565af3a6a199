#pragma once

#include "fake_providers/registry.hpp"

namespace emu::fake {

// Adds the ocr feature generators to a registry.
void register_ocr_generators(registry& target);

} // namespace emu::fake
