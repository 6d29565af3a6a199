#pragma once

#include <boost/json/object.hpp>

#include <string_view>

namespace emu::wire {

// Cuts a generated result to `fraction` (above 0, at most 1) of itself, as a provider that
// processed only part of the input: every list keeps its first ⌈fraction × n⌉ items and every
// text of several words its first ⌈fraction × words⌉ words, at any depth. The media field and
// one-word texts (ids, URLs) are kept whole; numbers and other values are untouched.
void keep_fraction(boost::json::object& fields, double fraction, std::string_view media_field);

} // namespace emu::wire
