#pragma once

#include "server/api/http_types.hpp"
#include "server/observability/request_journal.hpp"
#include "server/observability/request_metrics.hpp"
#include "server/scheduling/tenant_clocks.hpp"

#include <chrono>
#include <string_view>

namespace emu::api {

// Turns each request the router handled into a request-journal record (API requests only) and
// a metrics sample (every request).
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

    // Records the request and its final response; tenant is the accepted bearer token, or
    // empty.
    void finish(const mark& started,
                const request& req,
                const response& res,
                std::string_view tenant) const;

private:
    observability::request_journal& journal_;
    observability::request_metrics& metrics_;
    scheduling::tenant_clocks& clocks_; // records carry their tenant's time
};

} // namespace emu::api
