#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace emu::eden_v2 {

// The file part of a multipart launch; bytes point into the request body.
struct uploaded_file {
    std::string filename;
    std::string content_type;
    std::string_view bytes;
};

// A launch body reduced to one shape whatever its encoding: JSON bodies keep their values and
// types; form fields arrive as strings (a repeated name becomes an array of strings).
struct launch_form {
    boost::json::object fields;
    std::optional<uploaded_file> file;
    bool json_body = false;
};

// Parses a launch body by its Content-Type: application/json, multipart/form-data or
// application/x-www-form-urlencoded. Throws api_error 400 (malformed) or 415 (other types).
launch_form parse_launch_body(std::string_view content_type, std::string_view body);

// The near-miss hint of a body that reads as JSON but was sent as a form (curl -d's default
// Content-Type, the most common curl slip), or of one sent with no Content-Type; "" otherwise.
std::string body_type_hint(std::string_view content_type, std::string_view body);

} // namespace emu::eden_v2
