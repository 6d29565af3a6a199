#pragma once

#include "server/net/route_table.hpp"
#include "server/scenario/scenario_catalog.hpp"
#include "server/scenario/scenario_watcher.hpp"

namespace emu::control {

// The scenarios: the active set, runtime scenarios, reloading the files, the format's schema.
class scenario_endpoints {
public:
    // `watcher` reloads the --scenarios files, or is nullptr when there are none.
    scenario_endpoints(scenario::scenario_catalog& catalog, scenario::scenario_watcher* watcher);

    // GET /_emulator/scenarios[?tenant=]
    net::answer list(const net::route_call& call) const;

    // GET /_emulator/scenario-schema
    net::answer schema(const net::route_call& call) const;

    // POST /_emulator/scenarios/reload
    net::answer reload(const net::route_call& call) const;

    // PUT /_emulator/scenarios/{name}[?tenant=]
    net::answer put(const net::route_call& call) const;

    // DELETE /_emulator/scenarios/{name}[?tenant=]
    net::answer remove(const net::route_call& call) const;

private:
    scenario::scenario_catalog& catalog_;
    scenario::scenario_watcher* watcher_;
};

} // namespace emu::control
