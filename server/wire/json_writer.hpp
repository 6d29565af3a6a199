#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace emu::json_text {

// Serializes like Python's json.dumps with ensure_ascii=False, as Eden AI's Django REST
// Framework renderer does: compact separators, UTF-8 text kept, and floats written the Python
// way (repr: "0.47", "1.0", "100000.0", "1e-07", "1e+16") rather than Boost.JSON's "4.7E-1".
std::string compact(const boost::json::value& value);

// The same with 2-space indentation, "," ending each item's line and ": " after keys, as
// json.dumps(indent=2) writes it: the form Eden AI signs v2 webhook bodies in.
std::string indented(const boost::json::value& value);

// The indented form with object keys sorted by code point: canonical JSON as Eden's v3 webhooks
// sign it, byte for byte json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False).
std::string canonical(const boost::json::value& value);

// Appends text as a JSON string, quoted and escaped as compact() writes it (for writers that
// build JSON text directly, without a document).
void append_quoted(std::string& out, std::string_view text);

// Appends the compact form to out (no intermediate string).
void append_compact(std::string& out, const boost::json::value& value);

} // namespace emu::json_text
