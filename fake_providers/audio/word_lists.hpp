#pragma once

#include <span>
#include <string_view>

namespace emu::fake {

// Common words of one language, and a few mild profanities so profanity_filter is observable.
struct language_words {
    std::string_view code; // "en", "fr", "es", "de"
    std::span<const std::string_view> words;
    std::span<const std::string_view> profanities;
};

// Word list for a language parameter ("fr", "fr-FR", "es_ES"...); anything without a list of its
// own (absent, auto-detect, "ja"...) falls back to English.
const language_words& words_for_language(std::string_view language);

} // namespace emu::fake
