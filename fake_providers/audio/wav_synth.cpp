#include "fake_providers/audio/wav_synth.hpp"

#include <algorithm>

namespace emu::fake {

namespace {

void put_u16(std::string& out, std::uint32_t value) {
    out.push_back(static_cast<char>(value & 0xFF));
    out.push_back(static_cast<char>((value >> 8) & 0xFF));
}

void put_u32(std::string& out, std::uint32_t value) {
    put_u16(out, value & 0xFFFF);
    put_u16(out, value >> 16);
}

// Triangle wave from a 32-bit phase, in [-32767, 32767].
std::int64_t triangle(std::uint32_t phase) {
    const auto t = static_cast<std::int64_t>(phase >> 16);
    return t < 32768 ? 2 * t - 32767 : 98303 - 2 * t;
}

} // namespace

std::string synthesize_wav(const voice_recording& voice, rng& gen) {
    const std::uint64_t sample_count =
        static_cast<std::uint64_t>(voice.duration_ms) * voice.sample_rate / 1000;
    const auto data_bytes = static_cast<std::uint32_t>(sample_count * 2);
    std::string out;
    out.reserve(44 + data_bytes);
    out += "RIFF";
    put_u32(out, 36 + data_bytes);
    out += "WAVEfmt ";
    put_u32(out, 16);
    put_u16(out, 1); // PCM
    put_u16(out, 1); // mono
    put_u32(out, voice.sample_rate);
    put_u32(out, voice.sample_rate * 2);
    put_u16(out, 2);
    put_u16(out, 16);
    out += "data";
    put_u32(out, data_bytes);

    const std::int64_t amplitude = std::clamp<std::int64_t>(voice.amplitude, 0, 32767);
    std::uint32_t phase = 0;
    std::uint64_t written = 0;
    while (written < sample_count) {
        const std::uint64_t length = std::min<std::uint64_t>(
            sample_count - written,
            std::max<std::uint64_t>(
                1,
                static_cast<std::uint64_t>(voice.sample_rate) * voice.syllable_ms *
                    static_cast<std::uint64_t>(gen.between(70, 130)) / 100'000));
        // Roughly one syllable in eight is a pause between words.
        const bool pause = gen.chance(0.12);
        const std::uint64_t pitch = static_cast<std::uint64_t>(voice.pitch_centihertz) *
                                    static_cast<std::uint64_t>(gen.between(85, 118)) / 100;
        const auto step = static_cast<std::uint32_t>((pitch << 32) / (100ULL * voice.sample_rate));
        const std::uint64_t attack = std::max<std::uint64_t>(1, length / 5);
        const std::uint64_t release = std::max<std::uint64_t>(1, length * 3 / 10);
        for (std::uint64_t k = 0; k < length; ++k) {
            std::int64_t envelope = amplitude;
            if (pause) {
                envelope = amplitude / 64;
            } else if (k < attack) {
                envelope =
                    amplitude * static_cast<std::int64_t>(k) / static_cast<std::int64_t>(attack);
            } else if (length - k < release) {
                envelope = amplitude * static_cast<std::int64_t>(length - k) /
                           static_cast<std::int64_t>(release);
            }
            // Fundamental plus second harmonic, and a little breath noise.
            const std::int64_t tone = (2 * triangle(phase) + triangle(phase * 2)) / 3;
            const auto noise = static_cast<std::int64_t>(gen.next() >> 52) - 2048;
            const std::int64_t sample = std::clamp<std::int64_t>(
                tone * envelope / 32768 + noise * envelope / 65536, -32768, 32767);
            put_u16(out, static_cast<std::uint32_t>(sample) & 0xFFFF);
            phase += step;
        }
        written += length;
    }
    return out;
}

} // namespace emu::fake
