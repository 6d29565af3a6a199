#include "server/wire/json_writer.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace emu::json_text {
namespace {

void append_string(std::string& out, boost::json::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
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
            if (byte < 0x20) {
                out += "\\u00";
                out.push_back(hex[byte >> 4]);
                out.push_back(hex[byte & 0x0f]);
            } else {
                out.push_back(c);
            }
        }
    }
    out.push_back('"');
}

void append_double(std::string& out, double value) {
    if (!std::isfinite(value)) {
        // JSON has no NaN or infinity; Python would write NaN, which strict parsers reject.
        out += "null";
        return;
    }
    std::array<char, 32> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    std::string_view text{buffer.data(), static_cast<std::size_t>(end - buffer.data())};
    out += text;
    if (text.find_first_of(".e") == std::string_view::npos) {
        out += ".0";
    }
}

// Writes value; indent < 0 means compact, otherwise the current depth's indentation width.
void append(std::string& out, const boost::json::value& value, int indent, int depth) {
    const auto newline = [&](int level) {
        out.push_back('\n');
        out.append(static_cast<std::size_t>(indent * level), ' ');
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
            if (indent >= 0) {
                newline(depth + 1);
            }
            append(out, item, indent, depth + 1);
            first = false;
        }
        if (indent >= 0 && !array.empty()) {
            newline(depth);
        }
        out.push_back(']');
        break;
    }
    case boost::json::kind::object: {
        const auto& object = value.get_object();
        out.push_back('{');
        bool first = true;
        for (const auto& member : object) {
            if (!first) {
                out.push_back(',');
            }
            if (indent >= 0) {
                newline(depth + 1);
            }
            append_string(out, member.key());
            out += indent < 0 ? ":" : ": ";
            append(out, member.value(), indent, depth + 1);
            first = false;
        }
        if (indent >= 0 && !object.empty()) {
            newline(depth);
        }
        out.push_back('}');
        break;
    }
    }
}

} // namespace

void append_compact(std::string& out, const boost::json::value& value) {
    append(out, value, -1, 0);
}

std::string compact(const boost::json::value& value) {
    std::string out;
    append(out, value, -1, 0);
    return out;
}

std::string indented(const boost::json::value& value) {
    std::string out;
    append(out, value, 2, 0);
    return out;
}

} // namespace emu::json_text
