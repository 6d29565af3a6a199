#pragma once

#include <span>
#include <string>
#include <string_view>

namespace emu::support {

// What to say of a field outside `known`, for every body and file that takes named fields:
// `unknown field "second"; did you mean "seconds"? This takes one of "seconds", "ms", "to" or
// "until_idle".` The hint comes from nearest_word and is left out when no known field is near.
std::string unknown_field_message(std::string_view field, std::span<const std::string_view> known);

} // namespace emu::support
