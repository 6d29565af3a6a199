#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::net {

// A header value of the form `token; name=value; name="quoted value"` (Content-Type,
// Content-Disposition), with the token lower-cased and parameter names lower-cased.
struct header_value {
    std::string token;
    std::vector<std::pair<std::string, std::string>> params;

    // The parameter's value, or nullptr.
    const std::string* param(std::string_view name) const;
};

// Parses such a header value; tolerant of spacing, strict about unterminated quotes (returns
// false).
bool parse_header_value(std::string_view text, header_value& out);

} // namespace emu::net
