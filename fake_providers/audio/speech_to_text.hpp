#pragma once

#include "fake_providers/generator_family.hpp"

namespace emu::fake {

// audio/speech_to_text_async: each provider's writing style, read off its Eden sample, and a
// generic style for providers without a sample.
generator_family speech_to_text_family();

} // namespace emu::fake
