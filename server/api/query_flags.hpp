#pragma once

#include "server/api/api_error.hpp"

#include <optional>
#include <string_view>

namespace emu::api {

// Reads boolean query parameters (DRF spellings) from a raw query string. Invalid values are
// collected in errors under the parameter's name.
class query_flags {
public:
    query_flags(std::string_view query, field_errors& errors);

    std::optional<bool> get(std::string_view name) const;

private:
    std::string_view query_;
    field_errors& errors_;
};

} // namespace emu::api
