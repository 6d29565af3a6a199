#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace emu::support {

// The text without leading and trailing whitespace: spaces, tabs, CR and LF.
std::string_view trim(std::string_view text);

// The text with ASCII letters lower-cased; other bytes unchanged.
std::string lower(std::string_view text);

// Whether a and b are equal when ASCII letters are compared case-insensitively.
bool iequals(std::string_view a, std::string_view b);

// The items with `separator` between them ("a, b, c").
std::string join(std::span<const std::string_view> items, std::string_view separator);

// The items as prose, each between `quote`s: "a", "a and b", "a, b and c" (`last` is " and "
// or " or ").
std::string spoken_list(std::span<const std::string> items,
                        std::string_view last = " and ",
                        std::string_view quote = {});

// The number of characters (code points) of UTF-8 text; invalid bytes count one each.
std::size_t utf8_length(std::string_view text);

// The length of the valid UTF-8 sequence starting at text[i], or 0 when it is invalid (a
// truncated, overlong or surrogate sequence, or a byte that cannot start one).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// `bytes` with every invalid UTF-8 sequence replaced by U+FFFD, so it can travel in JSON.
std::string valid_utf8(std::string_view bytes);

// The token of an Authorization header "Bearer <token>" (the scheme case-insensitive, the token
// trimmed); nullopt for another scheme or an empty token.
std::optional<std::string_view> bearer_token(std::string_view authorization_header);

} // namespace emu::support
