#pragma once

#include "server/api/http_types.hpp"
#include "server/jobs/job_service.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"

namespace emu::api {

// GET /_emulator/await: answers as soon as a condition on a job (its status, its number of
// GETs) or on webhook deliveries holds, or 408 with the current state when `timeout` passes;
// the session waits without holding a thread, so tests need no sleeps.
class await_endpoint {
public:
    await_endpoint(jobs::job_service& jobs, webhooks::webhook_dispatcher& webhooks);

    answer handle(const request& req);

private:
    jobs::job_service& jobs_;
    webhooks::webhook_dispatcher& webhooks_;
};

} // namespace emu::api
