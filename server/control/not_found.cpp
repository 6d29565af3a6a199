#include "server/control/not_found.hpp"

namespace emu::control {

net::api_error not_found(const std::string& message) {
    net::api_error error{404, net::api_error::error_body("not_found", message)};
    error.with_hint(message);
    return error;
}

net::api_error unknown_job(std::string_view id) {
    constexpr std::size_t shown = 40;
    return not_found("No job \"" + std::string{id.substr(0, shown)} +
                     (id.size() > shown ? "..." : "") +
                     "\": it was never launched, or it was deleted, expired or reset.");
}

} // namespace emu::control
