#include "server/observability/prometheus_text.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace emu::observability {

void prometheus_text::family(std::string_view name, std::string_view type, std::string_view help) {
    text_ += "# HELP ";
    text_ += name;
    text_ += ' ';
    text_ += escape_help(help);
    text_ += "\n# TYPE ";
    text_ += name;
    text_ += ' ';
    text_ += type;
    text_ += '\n';
}

void prometheus_text::sample(std::string_view name, const label_set& labels, double value) {
    text_ += name;
    if (!labels.empty()) {
        text_ += '{';
        bool first = true;
        for (const auto& [label, label_value] : labels) {
            if (!first) {
                text_ += ',';
            }
            first = false;
            text_ += label;
            text_ += "=\"";
            text_ += escape_label(label_value);
            text_ += '"';
        }
        text_ += '}';
    }
    text_ += ' ';
    text_ += format_value(value);
    text_ += '\n';
}

std::string prometheus_text::escape_label(std::string_view value) {
    std::string escaped;
    escaped.reserve(value.size());
    for (const char c : value) {
        if (c == '\\') {
            escaped += "\\\\";
        } else if (c == '"') {
            escaped += "\\\"";
        } else if (c == '\n') {
            escaped += "\\n";
        } else {
            escaped += c;
        }
    }
    return escaped;
}

std::string prometheus_text::escape_help(std::string_view help) {
    std::string escaped;
    escaped.reserve(help.size());
    for (const char c : help) {
        if (c == '\\') {
            escaped += "\\\\";
        } else if (c == '\n') {
            escaped += "\\n";
        } else {
            escaped += c;
        }
    }
    return escaped;
}

std::string prometheus_text::format_value(double value) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    std::array<char, 64> buffer{};
    const auto [end, ec] =
        std::abs(value) < 1e15 && value == std::floor(value)
            ? std::to_chars(
                  buffer.data(), buffer.data() + buffer.size(), static_cast<long long>(value))
            : std::to_chars(
                  buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::general);
    return ec == std::errc{} ? std::string(buffer.data(), end) : std::string{"NaN"};
}

} // namespace emu::observability
