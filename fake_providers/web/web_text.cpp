#include "fake_providers/web/web_text.hpp"

#include "server/support/text.hpp"

#include <algorithm>
#include <iterator>

namespace emu::fake::web {

namespace {

bool is_word_byte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           byte >= 0x80;
}

constexpr std::string_view stop_words[] = {
    "about",  "above",   "after", "all",     "also",   "and",   "any",   "are",    "because",
    "been",   "before",  "being", "between", "both",   "but",   "can",   "could",  "did",
    "does",   "each",    "find",  "for",     "from",   "get",   "give",  "had",    "has",
    "have",   "her",     "his",   "how",     "into",   "its",   "list",  "more",   "most",
    "not",    "now",     "only",  "other",   "our",    "out",   "over",  "please", "should",
    "some",   "such",    "than",  "that",    "the",    "their", "them",  "then",   "there",
    "these",  "they",    "this",  "those",   "what",   "when",  "which", "who",    "why",
    "with",   "was",     "were",  "will",    "you",    "your",  "under", "within", "without",
    "across", "through", "among", "via",     "versus", "like",  "per"};

bool is_stop_word(std::string_view word) {
    return std::find(std::begin(stop_words), std::end(stop_words), word) != std::end(stop_words);
}

} // namespace

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::string current;
    for (const char c : text) {
        if (is_word_byte(c)) {
            current.push_back(c);
        } else if (!current.empty()) {
            words.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) {
        words.push_back(std::move(current));
    }
    return words;
}

std::vector<std::string> keywords_of(std::string_view text) {
    std::vector<std::string> keywords;
    for (auto& word : words_of(text)) {
        word = support::lower(word);
        const bool number =
            std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (number || support::utf8_length(word) < 3 || is_stop_word(word) ||
            std::find(keywords.begin(), keywords.end(), word) != keywords.end()) {
            continue;
        }
        keywords.push_back(std::move(word));
    }
    return keywords;
}

std::string title_case(std::string_view words) {
    std::string out;
    bool word_start = true;
    for (const char c : words) {
        if (c == '-' || c == '_' || c == ' ') {
            if (!out.empty() && out.back() != ' ') {
                out.push_back(' ');
            }
            word_start = true;
            continue;
        }
        out.push_back(word_start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
        word_start = false;
    }
    if (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

std::string slug_of(std::string_view words) {
    static constexpr std::string_view hex = "0123456789ABCDEF";
    std::string out;
    for (const auto& word : words_of(words)) {
        if (!out.empty()) {
            out.push_back('-');
        }
        for (const char c : support::lower(word)) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte < 0x80) {
                out.push_back(c);
            } else {
                out.push_back('%');
                out.push_back(hex[byte >> 4]);
                out.push_back(hex[byte & 0x0f]);
            }
        }
    }
    return out;
}

std::string utf8_prefix(std::string_view text, std::size_t count) {
    std::size_t end = 0;
    std::size_t characters = 0;
    while (end < text.size()) {
        // A character starts at every byte but a continuation byte (10xxxxxx).
        if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) {
            if (characters == count) {
                break;
            }
            ++characters;
        }
        ++end;
    }
    return std::string{text.substr(0, end)};
}

} // namespace emu::fake::web
