#include "server/control/body_fields.hpp"

#include "server/support/unknown_field.hpp"

#include <algorithm>

namespace emu::control {

void check_body_fields(const boost::json::object& body,
                       std::span<const std::string_view> known,
                       net::field_errors& errors) {
    for (const auto& member : body) {
        if (std::find(known.begin(), known.end(), member.key()) != known.end()) {
            continue;
        }
        // The control API's messages are sentences: "Unknown field ...".
        auto message = support::unknown_field_message(member.key(), known);
        message.front() = 'U';
        errors.add(std::string{member.key()}, std::move(message));
    }
}

} // namespace emu::control
