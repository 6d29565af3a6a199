#pragma once

#include "server/net/http_types.hpp"
#include "server/net/route_table.hpp"
#include "server/observability/request_journal.hpp"
#include "server/observability/request_metrics.hpp"
#include "server/scheduling/tenant_clocks.hpp"

#include <chrono>
#include <string_view>

namespace emu::net {

// Turns each request the router handled into a metrics sample and, for the routes the journal
// keeps (the Eden API's), a request-journal record.
class request_recorder {
public:
    // When a request arrived: real time for durations, emulator time for the journal.
    struct mark {
        std::chrono::steady_clock::time_point started;
        scheduling::instant at;
    };

    request_recorder(observability::request_journal& journal,
                     observability::request_metrics& metrics,
                     scheduling::tenant_clocks& clocks);

    mark start() const;

    // How the router handled a request: the traits of its route (or of its surface when it
    // matched none), the accepted tenant, and the route's path parameters.
    struct routed {
        const route_traits& traits;
        std::string_view tenant; // empty when the request has none or was refused
        const path_params& params;
    };

    // Counts the request in the metrics and, when its route is journaled, records it with its
    // final answer.
    void finish(const mark& started, const request& req, const answer& result, routed how) const;

private:
    observability::request_journal& journal_;
    observability::request_metrics& metrics_;
    scheduling::tenant_clocks& clocks_; // records carry their tenant's time
};

} // namespace emu::net
