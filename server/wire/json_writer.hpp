#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace emu::json_text {

// Serializes like Python's json.dumps with ensure_ascii=False, as Eden AI's Django REST
// Framework renderer does: compact separators, UTF-8 text kept, and floats written the Python
// way ("0.47", "1.0", "1e-07") rather than Boost.JSON's "4.7E-1".
std::string compact(const boost::json::value& value);

// The same with 2-space indentation and ", "/": " separators (json.dumps(indent=2)), the form
// Eden AI signs webhook bodies in.
std::string indented(const boost::json::value& value);

// Appends the compact form to out (no intermediate string).
void append_compact(std::string& out, const boost::json::value& value);

} // namespace emu::json_text
