#pragma once

#include "server/jobs/job_service.hpp"
#include "server/net/route_table.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"

namespace emu::control {

// GET /_emulator/await: answers as soon as a condition on a job (its status, its number of
// GETs) or on webhook deliveries holds, or 408 with the current state when `timeout` passes;
// the session waits without holding a thread, so tests need no sleeps.
class await_endpoint {
public:
    await_endpoint(jobs::job_service& jobs, webhooks::webhook_dispatcher& webhooks);

    // GET /_emulator/await?job=&status=&polls=&webhook=&tenant=&timeout=
    net::answer handle(const net::route_call& call) const;

private:
    jobs::job_service& jobs_;
    webhooks::webhook_dispatcher& webhooks_;
};

} // namespace emu::control
