#pragma once

#include <boost/json/value.hpp>

#include <charconv>
#include <concepts>
#include <optional>
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

// Appends the compact form to out (no intermediate string).
void append_compact(std::string& out, const boost::json::value& value);

// Writes compact JSON text straight into a string, value by value, for records too frequent to
// build as a document first. Commas come from what the text ends with, so a writer may start on
// an empty string or after a newline (one document per line).
class writer {
public:
    explicit writer(std::string& out)
        : out_(out) {}

    // A member's name: a literal of plain characters, written as it is.
    writer& key(std::string_view name);
    writer& text(std::string_view value);
    writer& boolean(bool value);
    writer& null();
    // A document, in its compact form.
    writer& value(const boost::json::value& document);
    writer& open_object();
    writer& close_object();
    writer& open_array();
    writer& close_array();

    template <std::integral T>

    requires(!std::same_as<T, bool>) writer& number(T value) {
        separate();
        char digits[24];
        const auto written = std::to_chars(digits, digits + sizeof digits, value);
        out_.append(digits, written.ptr);
        return *this;
    }

    template <std::integral T>
    writer& number_or_null(const std::optional<T>& value) {
        return value ? number(*value) : null();
    }

private:
    void separate();

    std::string& out_;
};

} // namespace emu::json_text
