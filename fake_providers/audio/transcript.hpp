#pragma once

#include "fake_providers/generation.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace emu::fake {

// One spoken word of a fake recording, with its timing inside the audio.
struct spoken_word {
    std::string text;        // as pronounced, profanities already masked when filtering
    std::string punctuation; // "", ",", "." or "?" written after the word
    bool vocabulary = false; // comes from the vocabulary: providers keep its spelling
    bool profane = false;
    std::uint64_t start_us = 0;
    std::uint64_t end_us = 0;
    int speaker = 0; // 0-based
};

// What a fake recording "says": the same for every provider of a job (they all hear the same
// audio); providers only differ in how they write it down.
struct transcript {
    std::vector<spoken_word> words;
    std::uint32_t duration_ms = 0;
    int speakers_used = 0; // distinct speakers among the words
    std::string language;  // "en", "fr", "es" or "de": the word list actually used
};

// Words per second of speech in fake transcripts.
inline constexpr double words_per_second = 2.5;

// Upper bound on transcript words, to keep results a few tens of KB even for hour-long audio.
inline constexpr std::size_t max_transcript_words = 480;

// Duration of the job's audio: probed from the header, else estimated from the upload size,
// else a seeded plausible value (URL inputs and jobs without a file).
std::uint32_t audio_duration_ms(const generation_request& request);

// Builds the recording's words from the request: duration, language, speakers, the vocabulary
// (v3's `vocabulary` JSON array, else v2's comma-separated custom_vocabulary) and
// profanity_filter.
transcript make_transcript(const generation_request& request);

// Number of UTF-8 code points (characters) in text.
std::size_t code_points(std::string_view text);

// ASCII letters lowered; other bytes (accented UTF-8 letters) unchanged.
std::string lower_ascii(std::string text);

// Seconds as a decimal string with at most `decimals` digits (truncated, trailing zeros
// dropped, at least one decimal), as providers write diarization times: "0.0", "1.06".
std::string format_seconds(std::uint64_t microseconds, int decimals);

} // namespace emu::fake
