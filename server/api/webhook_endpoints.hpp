#pragma once

#include "server/api/http_types.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"

#include <string_view>

namespace emu::api {

// The webhook part of the control API: the delivery journal, redelivery and the public key
// deliveries are signed with (paths under /_emulator/webhooks).
class webhook_endpoints {
public:
    explicit webhook_endpoints(webhooks::webhook_dispatcher& dispatcher);

    // Answers a request whose path starts with /_emulator/webhooks (404 and 405 included).
    response handle(const request& req, std::string_view path);

private:
    response journal(const request& req);
    response public_key(const request& req);
    response redeliver(const request& req, std::string_view delivery_id);

    webhooks::webhook_dispatcher& dispatcher_;
};

} // namespace emu::api
