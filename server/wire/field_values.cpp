#include "server/wire/field_values.hpp"

#include "server/support/text.hpp"
#include "server/wire/json_writer.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace emu::wire {

using support::trim;

std::optional<std::string> value_as_text(const boost::json::value& value) {
    if (value.is_string()) {
        return std::string{value.get_string()};
    }
    if (value.is_number()) {
        return json_text::compact(value);
    }
    return std::nullopt;
}

std::optional<std::int64_t> value_as_integer(const boost::json::value& value) {
    if (value.is_int64()) {
        return value.get_int64();
    }
    if (value.is_uint64()) {
        return value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)
                   ? std::optional<std::int64_t>{static_cast<std::int64_t>(value.get_uint64())}
                   : std::nullopt;
    }
    if (value.is_double()) {
        const double d = value.get_double();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e18) {
            return static_cast<std::int64_t>(d);
        }
        return std::nullopt;
    }
    if (!value.is_string()) {
        return std::nullopt;
    }
    auto text = trim(value.get_string());
    // DRF strips a trailing ".0..." before converting ("12.0" is 12).
    if (const auto dot = text.find('.');
        dot != std::string_view::npos &&
        text.find_first_not_of('0', dot + 1) == std::string_view::npos) {
        text = text.substr(0, dot);
    }
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    std::int64_t result = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return result;
}

std::optional<double> value_as_number(const boost::json::value& value) {
    if (value.is_number()) {
        return value.to_number<double>();
    }
    if (!value.is_string()) {
        return std::nullopt;
    }
    auto text = trim(value.get_string());
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    double result = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() ||
        !std::isfinite(result)) {
        return std::nullopt;
    }
    return result;
}

std::optional<bool> value_as_boolean(const boost::json::value& value) {
    if (value.is_bool()) {
        return value.get_bool();
    }
    if (value.is_int64() || value.is_uint64()) {
        const auto n = value.to_number<std::int64_t>();
        return n == 1 ? std::optional{true} : n == 0 ? std::optional{false} : std::nullopt;
    }
    if (value.is_double()) {
        // Python's 1.0 == 1, so DRF's `data in TRUE_VALUES` takes 1.0 (and 0.0) too.
        const auto x = value.get_double();
        return x == 1.0 ? std::optional{true} : x == 0.0 ? std::optional{false} : std::nullopt;
    }
    if (!value.is_string()) {
        return std::nullopt;
    }
    static constexpr std::array<std::string_view, 14> truthy{
        "t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "1"};
    static constexpr std::array<std::string_view, 14> falsy{
        "f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "0"};
    const auto text = trim(value.get_string());
    if (std::find(truthy.begin(), truthy.end(), text) != truthy.end()) {
        return true;
    }
    if (std::find(falsy.begin(), falsy.end(), text) != falsy.end()) {
        return false;
    }
    return std::nullopt;
}

bool is_http_url(std::string_view text) {
    const auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed) {
        return false;
    }
    const auto scheme = parsed->scheme_id();
    return (scheme == boost::urls::scheme::http || scheme == boost::urls::scheme::https) &&
           !parsed->encoded_host().empty();
}

} // namespace emu::wire
