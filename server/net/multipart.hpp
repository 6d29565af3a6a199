#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::net {

// One part of a multipart/form-data body; data points into the body it was parsed from.
struct multipart_part {
    std::string name;
    std::optional<std::string> filename; // set when the part is a file upload
    std::string content_type;
    std::string_view data;
};

// Splits a multipart/form-data body (RFC 7578). On malformed input returns nullopt and sets
// error to what is wrong.
std::optional<std::vector<multipart_part>>
parse_multipart(std::string_view body, std::string_view boundary, std::string& error);

} // namespace emu::net
