#pragma once

#include <boost/json/value.hpp>

#include <string_view>

namespace emu::wire {

// Text as the control API writes it: the string, or null when it is empty.
inline boost::json::value text_or_null(std::string_view text) {
    return text.empty() ? boost::json::value() : boost::json::value(text);
}

} // namespace emu::wire
