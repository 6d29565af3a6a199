#pragma once

#include "server/engine/state_transfer.hpp"
#include "server/net/route_table.hpp"

namespace emu::control {

// Saving and restoring the emulator's state, or one tenant's, as a snapshot document.
class snapshot_endpoints {
public:
    explicit snapshot_endpoints(engine::state_transfer& transfer);

    // GET /_emulator/snapshot[?tenant=]: the document, keys sorted, indented.
    net::answer take(const net::route_call& call) const;

    // PUT /_emulator/snapshot[?tenant=]: replaces the state (or the tenant's, from any tenant's
    // snapshot: a fork) with the body's; a bad document changes nothing.
    net::answer restore(const net::route_call& call) const;

private:
    engine::state_transfer& transfer_;
};

} // namespace emu::control
