#include "server/support/text.hpp"

#include <algorithm>

namespace emu::support {
namespace {

// Whitespace as HTTP headers (space, tab) and JSON text (also CR, LF) carry it.
constexpr std::string_view whitespace = " \t\r\n";

// std::tolower depends on the C locale; protocol text is ASCII.
char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(whitespace);
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(whitespace) - first + 1);
}

std::string lower(std::string_view text) {
    std::string result{text};
    std::transform(result.begin(), result.end(), result.begin(), ascii_lower);
    return result;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ascii_lower(x) == ascii_lower(y);
           });
}

std::optional<std::string_view> bearer_token(std::string_view authorization_header) {
    constexpr std::string_view scheme = "bearer ";
    if (!iequals(authorization_header.substr(0, scheme.size()), scheme)) {
        return std::nullopt;
    }
    const auto token = trim(authorization_header.substr(scheme.size()));
    if (token.empty()) {
        return std::nullopt;
    }
    return token;
}

std::string join(std::span<const std::string_view> items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i == 0 ? "" : separator;
        out += items[i];
    }
    return out;
}

std::string
spoken_list(std::span<const std::string> items, std::string_view last, std::string_view quote) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            text += i + 1 == items.size() ? last : ", ";
        }
        text += quote;
        text += items[i];
        text += quote;
    }
    return text;
}

std::size_t utf8_length(std::string_view text) {
    // Every byte but a continuation byte (10xxxxxx) starts a character.
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

} // namespace emu::support
