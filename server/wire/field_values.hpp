#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace emu::wire {

// Coercions of a request value (a JSON value, or a form field's string) with Django REST
// Framework's rules, which Eden AI's API follows: "2" is an integer, "true"/"1"/"on" are
// booleans, numbers are acceptable strings.

std::optional<std::string> value_as_text(const boost::json::value& value);

std::optional<std::int64_t> value_as_integer(const boost::json::value& value);

std::optional<double> value_as_number(const boost::json::value& value);

std::optional<bool> value_as_boolean(const boost::json::value& value);

// Whether text is an absolute http(s) URL with a host.
bool is_http_url(std::string_view text);

} // namespace emu::wire
