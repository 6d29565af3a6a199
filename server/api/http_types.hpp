#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>

#include <string_view>

namespace emu::api {

namespace http = boost::beast::http;

using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

// A JSON response with Content-Type set; the body is serialized the way Eden's API writes it.
response json_response(http::status status, const boost::json::value& body, unsigned version);

// A response without a body (204).
response empty_response(http::status status, unsigned version);

// The path of a request target, without query and fragment.
std::string_view target_path(std::string_view target);

// The raw query of a request target ("" when none).
std::string_view target_query(std::string_view target);

} // namespace emu::api
