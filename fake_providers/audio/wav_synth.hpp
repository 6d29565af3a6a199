#pragma once

#include "fake_providers/deterministic.hpp"

#include <cstdint>
#include <string>

namespace emu::fake {

// What a synthesized voice recording should sound like.
struct voice_recording {
    std::uint32_t sample_rate = 16'000;
    std::uint32_t duration_ms = 1'000;
    std::uint32_t pitch_centihertz = 21'000; // voice fundamental, in 1/100 Hz
    std::int32_t amplitude = 12'000;         // peak sample value, at most 32767
    std::uint32_t syllable_ms = 200;         // mean syllable length
};

// A mono 16-bit PCM WAV file (RIFF, 44-byte header) of a speech-like signal: syllable-shaped
// bursts of a buzzy tone whose pitch wanders, with short pauses. Integer arithmetic only, so
// the bytes are identical on every platform.
std::string synthesize_wav(const voice_recording& voice, rng& gen);

} // namespace emu::fake
