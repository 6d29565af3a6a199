#pragma once

#include "server/net/api_error.hpp"

#include <boost/json/object.hpp>

#include <span>
#include <string_view>

namespace emu::control {

// Adds an error under each key of a control request's JSON body outside `known`, naming the
// nearest known key, so a misspelt field is reported instead of silently ignored.
void check_body_fields(const boost::json::object& body,
                       std::span<const std::string_view> known,
                       net::field_errors& errors);

} // namespace emu::control
