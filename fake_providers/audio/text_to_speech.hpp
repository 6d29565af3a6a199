#pragma once

#include "fake_providers/generator_family.hpp"

#include <cstdint>

namespace emu::fake {

// Speech speed of fake voices at rate 0, in characters per second.
inline constexpr std::uint32_t spoken_characters_per_second = 15;

// Longest fake recording, whatever the text, to keep results small.
inline constexpr std::uint32_t max_speech_ms = 30'000;

// audio/text_to_speech_async: Amazon Polly's and Lovo's voices; other providers speak like
// Amazon.
generator_family text_to_speech_family();

} // namespace emu::fake
