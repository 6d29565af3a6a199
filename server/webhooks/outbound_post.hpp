#pragma once

#include "server/webhooks/http_sender.hpp"
#include "server/webhooks/outbound_connection.hpp"
#include "server/webhooks/outbound_url.hpp"

#include <string>

namespace emu::webhooks {

// A POST ready to write, or why the request cannot be sent.
struct built_post {
    outbound_http_request message;
    std::string error; // "bad header: ..."; the message is unusable when set
};

// Builds the HTTP/1.1 POST: Host (unless the headers carry one), the headers as given and in
// order, User-Agent when `user_agent` is set and the headers carry none, the body and its
// Content-Length. Header names must be tokens and values must not contain CR, LF or NUL, so a
// header cannot smuggle in another.
built_post build_post(const outbound_request& request,
                      const outbound_target& target,
                      const std::string& user_agent);

} // namespace emu::webhooks
