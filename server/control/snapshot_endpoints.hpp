#pragma once

#include "server/engine/state_transfer.hpp"
#include "server/net/route_table.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

namespace emu::control {

// A snapshot document refused: the field at fault ("snapshot", "seed", "tenant") and what()
// the reason, naming the document's place ("$.tenants.k.jobs[0].id: ...").
class snapshot_refusal : public std::runtime_error {
public:
    snapshot_refusal(std::string field, const std::string& message)
        : std::runtime_error(message)
        , field_(std::move(field)) {}

    const std::string& field() const { return field_; }

private:
    std::string field_;
};

// The snapshot document of the whole state (""), or of one tenant's, as text: keys sorted,
// indented, ending with a line feed.
std::string snapshot_text(engine::state_transfer& transfer, std::string_view tenant);

// Reads `text` as a snapshot that can replace the whole state ("") or tenant `into`'s; throws
// snapshot_refusal. Nothing is applied.
engine::emulator_state restorable_snapshot(std::string_view text,
                                           const engine::state_transfer& transfer,
                                           std::string_view into);

// Saving and restoring the emulator's state, or one tenant's, as a snapshot document.
class snapshot_endpoints {
public:
    explicit snapshot_endpoints(engine::state_transfer& transfer);

    // GET /_emulator/snapshot[?tenant=]: the document.
    net::answer take(const net::route_call& call) const;

    // PUT /_emulator/snapshot[?tenant=]: replaces the state (or the tenant's, from any tenant's
    // snapshot: a fork) with the body's; a bad document changes nothing.
    net::answer restore(const net::route_call& call) const;

private:
    engine::state_transfer& transfer_;
};

} // namespace emu::control
