#pragma once

#include "server/net/api_error.hpp"

#include <boost/url/params_encoded_view.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace emu::net {

// Reads query parameters from a raw query string: booleans (DRF spellings) and text. Invalid
// values are collected in errors under the parameter's name.
class query_flags {
public:
    query_flags(std::string_view query, field_errors& errors);

    std::optional<bool> get(std::string_view name) const;

    // The decoded value of the parameter's last occurrence, or nullopt when absent.
    std::optional<std::string> text(std::string_view name) const;

private:
    // An owned, NUL-terminated copy: Boost.URL 1.81's parse_query measures its input with
    // strlen and reads past a view's end (boostorg/url#757, fixed after 1.82).
    std::string query_;
    std::optional<boost::urls::params_encoded_view> params_; // unset: no (usable) query
    field_errors& errors_;
};

} // namespace emu::net
