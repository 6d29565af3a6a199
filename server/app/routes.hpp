#pragma once

#include "server/control/await_endpoint.hpp"
#include "server/control/job_endpoints.hpp"
#include "server/control/journal_endpoints.hpp"
#include "server/control/scenario_endpoints.hpp"
#include "server/control/snapshot_endpoints.hpp"
#include "server/control/system_endpoints.hpp"
#include "server/control/webhook_endpoints.hpp"
#include "server/eden_v2/jobs_endpoints.hpp"
#include "server/eden_v3/async_endpoints.hpp"
#include "server/eden_v3/info_endpoints.hpp"
#include "server/eden_v3/upload_endpoints.hpp"
#include "server/net/route_table.hpp"

namespace emu::app {

// The endpoints the routes call; they outlive the table.
struct endpoints {
    eden_v2::jobs_endpoints& eden_v2_jobs;
    eden_v3::async_endpoints& eden_v3_jobs;
    eden_v3::upload_endpoints& eden_v3_uploads;
    eden_v3::info_endpoints& eden_v3_info;
    control::system_endpoints& system;
    control::scenario_endpoints& scenarios;
    control::job_endpoints& jobs;
    control::webhook_endpoints& webhooks;
    control::journal_endpoints& journal;
    control::await_endpoint& await;
    control::snapshot_endpoints& snapshots;
};

// The whole HTTP surface in one table: Eden's v2 routes, generated from the feature table,
// Eden's v3 routes, and every /_emulator/ route, each with its traits.
net::route_table make_route_table(const endpoints& to);

} // namespace emu::app
