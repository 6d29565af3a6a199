#pragma once

#include "server/net/route_table.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"

namespace emu::control {

// The webhook deliveries: their journal, redelivery, and the public key they are signed with.
class webhook_endpoints {
public:
    explicit webhook_endpoints(webhooks::webhook_dispatcher& dispatcher);

    // GET /_emulator/webhooks[?job=&delivery=&status=&receiver=&tenant=]
    net::answer journal(const net::route_call& call) const;

    // GET /_emulator/webhooks/public-key
    net::answer public_key(const net::route_call& call) const;

    // POST /_emulator/webhooks/{delivery_id}/redeliver
    net::answer redeliver(const net::route_call& call) const;

private:
    webhooks::webhook_dispatcher& dispatcher_;
};

} // namespace emu::control
