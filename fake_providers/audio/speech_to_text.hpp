#pragma once

#include "fake_providers/registry.hpp"

namespace emu::fake {

// Adds audio/speech_to_text_async: one generator per provider plus a "*" fallback.
void register_speech_to_text_generators(registry& target);

} // namespace emu::fake
