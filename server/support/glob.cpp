#include "server/support/glob.hpp"

#include <cstddef>
#include <optional>

namespace emu::support {
namespace {

// One pattern element other than '*' compared with one character of the text.
struct element_match {
    std::size_t next; // where the following element starts
    bool matches;
};

// The class member at pattern[i], an escaped one included; moves i past it.
unsigned char class_member(std::string_view pattern, std::size_t& i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
        ++i;
    }
    return static_cast<unsigned char>(pattern[i++]);
}

// The bracket expression opening at pattern[open] compared with c; nullopt when no ']' closes
// it, and the '[' is then an ordinary character.
std::optional<element_match> match_bracket(std::string_view pattern, std::size_t open, char c) {
    const auto ch = static_cast<unsigned char>(c);
    std::size_t i = open + 1;
    const bool negated = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
    if (negated) {
        ++i;
    }
    bool listed = false;
    for (bool first = true; i < pattern.size(); first = false) {
        if (pattern[i] == ']' && !first) {
            return element_match{i + 1, listed != negated};
        }
        const auto low = class_member(pattern, i);
        auto high = low;
        if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
            ++i;
            high = class_member(pattern, i);
        }
        listed = listed || (low <= ch && ch <= high);
    }
    return std::nullopt;
}

// The element at pattern[p] compared with c.
element_match match_element(std::string_view pattern, std::size_t p, char c) {
    switch (pattern[p]) {
    case '?':
        return {p + 1, true};
    case '\\':
        if (p + 1 < pattern.size()) {
            return {p + 2, pattern[p + 1] == c};
        }
        return {p + 1, c == '\\'};
    case '[':
        return match_bracket(pattern, p, c).value_or(element_match{p + 1, c == '['});
    default:
        return {p + 1, pattern[p] == c};
    }
}

} // namespace

bool glob_matches(std::string_view pattern, std::string_view text) {
    // Every element but '*' takes exactly one character, so on a mismatch it is enough to let
    // the last '*' seen take one more character and retry from there: no recursion, and at
    // worst pattern length times text length steps.
    constexpr auto none = std::string_view::npos;
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t after_star = none; // the pattern position after the last '*'
    std::size_t star_text = 0;     // the text position that '*' is retried from
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            after_star = ++p;
            star_text = t;
            continue;
        }
        if (p < pattern.size()) {
            const auto element = match_element(pattern, p, text[t]);
            if (element.matches) {
                p = element.next;
                ++t;
                continue;
            }
        }
        if (after_star == none) {
            return false;
        }
        p = after_star;
        t = ++star_text;
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

} // namespace emu::support
