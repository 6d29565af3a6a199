#pragma once

#include "server/api/admin_endpoints.hpp"
#include "server/api/api_error.hpp"
#include "server/api/await_endpoint.hpp"
#include "server/api/http_types.hpp"
#include "server/api/jobs_endpoints.hpp"
#include "server/api/observability_endpoints.hpp"
#include "server/api/request_recorder.hpp"
#include "server/api/webhook_endpoints.hpp"
#include "server/scheduling/activity.hpp"

#include <string>
#include <vector>

namespace emu::api {

// Who may call the v2 API and how refusals look.
struct auth_settings {
    std::vector<std::string> api_keys; // empty: any non-empty bearer token, one tenant per token
    unsigned failure_status = 403;     // 403 (Eden's documented answer) or 401
};

// Maps a request to its endpoint: /v2/<feature>[/<public_id>][/] and /_emulator/...; checks
// the bearer token; turns api_error (and any other exception) into Eden-format responses.
class router {
public:
    router(jobs_endpoints& jobs,
           admin_endpoints& admin,
           webhook_endpoints& webhooks,
           await_endpoint& await,
           auth_settings auth);

    answer handle(const request& req) const;

    // Counts requests in flight there (the auto clock skips time only when none are), except
    // /_emulator/await, which waits for time to pass.
    void track_activity(scheduling::activity* tracked) { activity_ = tracked; }

    // Routes the observability endpoints there and records every request with `recorder`.
    void observe(observability_endpoints* endpoints, request_recorder* recorder) {
        observability_ = endpoints;
        recorder_ = recorder;
    }

private:
    answer route(const request& req) const;

    // The tenant (the bearer token) of an authorized request; throws 401/403 otherwise.
    std::string_view authenticate(const request& req) const;

    // The tenant the request journal shows: the accepted bearer token of a /v2/ request, else "".
    std::string_view journal_tenant(const request& req) const;

    jobs_endpoints& jobs_;
    admin_endpoints& admin_;
    webhook_endpoints& webhooks_;
    await_endpoint& await_;
    auth_settings auth_;
    scheduling::activity* activity_ = nullptr;
    observability_endpoints* observability_ = nullptr;
    request_recorder* recorder_ = nullptr;
};

// The response for an error outside any request's handling (413, 431, unparseable HTTP).
response error_response(const api_error& error, unsigned version);

} // namespace emu::api
