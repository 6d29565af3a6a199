#include "server/wire/json_writer.hpp"

#include "server/support/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string_view>
#include <vector>

namespace emu::json_text {
namespace {

void append_string(std::string& out, boost::json::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    // ASCII characters that need no escape are copied a run at a time.
    const auto plain = [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
    };
    const std::string_view all{text.data(), text.size()};
    const char* run = text.data();
    const char* end = run + text.size();
    while (run != end) {
        const char* stop = std::find_if_not(run, end, plain);
        out.append(run, stop);
        if (stop == end) {
            break;
        }
        const char c = *stop;
        run = stop + 1;
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80) {
            // UTF-8 is kept; bytes that are not (a multipart filename may hold any) become
            // U+FFFD, so every text written is JSON that parses back.
            const auto at = static_cast<std::size_t>(stop - text.data());
            const auto length = support::utf8_sequence_length(all, at);
            if (length == 0) {
                out.append("\xef\xbf\xbd");
            } else {
                out.append(stop, length);
                run = stop + length;
            }
            continue;
        }
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            out += "\\u00"; // the other control characters
            out.push_back(hex[byte >> 4]);
            out.push_back(hex[byte & 0x0f]);
        }
    }
    out.push_back('"');
}

// Python's repr of a finite double: the shortest digits that read back to it, in fixed notation
// when the decimal exponent is in [-4, 16), else as d.ddde±XX; fixed forms without a fraction
// get ".0" (float_repr_style "short", Python/pystrtod.c).
void append_double(std::string& out, double value) {
    if (!std::isfinite(value)) {
        // JSON has no NaN or infinity; Python would write NaN, which strict parsers reject.
        out += "null";
        return;
    }
    // Shortest round-trip digits in scientific form: "-1.2345e+17", "5e-07".
    std::array<char, 32> buffer{};
    const auto [end, ec] = std::to_chars(
        buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific);
    const std::string_view text{buffer.data(), static_cast<std::size_t>(end - buffer.data())};
    const auto e = text.find('e');
    const bool negative = text.front() == '-';
    std::string digits{text.substr(negative ? 1 : 0, e - (negative ? 1 : 0))};
    std::erase(digits, '.');
    int exponent = 0;
    const auto exponent_text = text.substr(e + (text[e + 1] == '+' ? 2 : 1));
    std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
    if (negative) {
        out.push_back('-');
    }
    const auto count = static_cast<int>(digits.size());
    if (exponent < -4 || exponent >= 16) {
        out.push_back(digits.front());
        if (count > 1) {
            out.push_back('.');
            out.append(digits, 1);
        }
        out.push_back('e');
        out.push_back(exponent < 0 ? '-' : '+');
        const auto magnitude = std::to_string(exponent < 0 ? -exponent : exponent);
        out.append(magnitude.size() < 2 ? 1 : 0, '0');
        out += magnitude;
    } else if (exponent < 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-exponent - 1), '0');
        out += digits;
    } else if (count > exponent + 1) {
        out.append(digits, 0, static_cast<std::size_t>(exponent + 1));
        out.push_back('.');
        out.append(digits, static_cast<std::size_t>(exponent + 1));
    } else {
        out += digits;
        out.append(static_cast<std::size_t>(exponent + 1 - count), '0');
        out += ".0";
    }
}

// How append() lays a value out: json.dumps's indent and sort_keys.
struct layout {
    int indent = -1; // < 0: compact; else spaces per level, with ", " and ": " separators
    bool sort_keys = false;
};

// The members of an object sorted by key. Keys compare byte by byte, which for UTF-8 is code
// point order, the order of Python's sorted().
std::vector<const boost::json::key_value_pair*> sorted_members(const boost::json::object& object) {
    std::vector<const boost::json::key_value_pair*> members;
    members.reserve(object.size());
    for (const auto& member : object) {
        members.push_back(&member);
    }
    std::sort(members.begin(), members.end(), [](const auto* a, const auto* b) {
        return std::string_view{a->key()} < std::string_view{b->key()};
    });
    return members;
}

void append(std::string& out, const boost::json::value& value, layout how, int depth) {
    const bool indented = how.indent >= 0;
    const auto newline = [&](int level) {
        out.push_back('\n');
        out.append(static_cast<std::size_t>(how.indent * level), ' ');
    };
    switch (value.kind()) {
    case boost::json::kind::null:
        out += "null";
        break;
    case boost::json::kind::bool_:
        out += value.get_bool() ? "true" : "false";
        break;
    case boost::json::kind::int64:
        out += std::to_string(value.get_int64());
        break;
    case boost::json::kind::uint64:
        out += std::to_string(value.get_uint64());
        break;
    case boost::json::kind::double_:
        append_double(out, value.get_double());
        break;
    case boost::json::kind::string:
        append_string(out, value.get_string());
        break;
    case boost::json::kind::array: {
        const auto& array = value.get_array();
        out.push_back('[');
        bool first = true;
        for (const auto& item : array) {
            if (!first) {
                out.push_back(',');
            }
            if (indented) {
                newline(depth + 1);
            }
            append(out, item, how, depth + 1);
            first = false;
        }
        if (indented && !array.empty()) {
            newline(depth);
        }
        out.push_back(']');
        break;
    }
    case boost::json::kind::object: {
        const auto& object = value.get_object();
        out.push_back('{');
        bool first = true;
        const auto write_member = [&](const boost::json::key_value_pair& member) {
            if (!first) {
                out.push_back(',');
            }
            if (indented) {
                newline(depth + 1);
            }
            append_string(out, member.key());
            out += indented ? ": " : ":";
            append(out, member.value(), how, depth + 1);
            first = false;
        };
        if (how.sort_keys) {
            for (const auto* member : sorted_members(object)) {
                write_member(*member);
            }
        } else {
            for (const auto& member : object) { // as stored: no copy of the order
                write_member(member);
            }
        }
        if (indented && !object.empty()) {
            newline(depth);
        }
        out.push_back('}');
        break;
    }
    }
}

} // namespace

void append_compact(std::string& out, const boost::json::value& value) {
    append(out, value, layout{}, 0);
}

void writer::separate() {
    if (!out_.empty()) {
        const char last = out_.back();
        if (last != '{' && last != '[' && last != ':' && last != '\n') {
            out_.push_back(',');
        }
    }
}

writer& writer::key(std::string_view name) {
    separate();
    out_.push_back('"');
    out_.append(name);
    out_.append("\":");
    return *this;
}

writer& writer::text(std::string_view value) {
    separate();
    append_string(out_, value);
    return *this;
}

writer& writer::boolean(bool value) {
    separate();
    out_.append(value ? "true" : "false");
    return *this;
}

writer& writer::null() {
    separate();
    out_.append("null");
    return *this;
}

writer& writer::value(const boost::json::value& document) {
    separate();
    append(out_, document, layout{}, 0);
    return *this;
}

writer& writer::open_object() {
    separate();
    out_.push_back('{');
    return *this;
}

writer& writer::close_object() {
    out_.push_back('}');
    return *this;
}

writer& writer::open_array() {
    separate();
    out_.push_back('[');
    return *this;
}

writer& writer::close_array() {
    out_.push_back(']');
    return *this;
}

std::string compact(const boost::json::value& value) {
    std::string out;
    append(out, value, layout{}, 0);
    return out;
}

std::string indented(const boost::json::value& value) {
    std::string out;
    append(out, value, layout{.indent = 2}, 0);
    return out;
}

std::string canonical(const boost::json::value& value) {
    std::string out;
    append(out, value, layout{.indent = 2, .sort_keys = true}, 0);
    return out;
}

} // namespace emu::json_text
