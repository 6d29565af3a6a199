#pragma once

#include "server/api/admin_endpoints.hpp"
#include "server/api/api_error.hpp"
#include "server/api/http_types.hpp"
#include "server/api/jobs_endpoints.hpp"
#include "server/api/webhook_endpoints.hpp"

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
           auth_settings auth);

    answer handle(const request& req) const;

private:
    answer route(const request& req) const;

    // The tenant (the bearer token) of an authorized request; throws 401/403 otherwise.
    std::string_view authenticate(const request& req) const;

    jobs_endpoints& jobs_;
    admin_endpoints& admin_;
    webhook_endpoints& webhooks_;
    auth_settings auth_;
};

// The response for an error outside any request's handling (413, 431, unparseable HTTP).
response error_response(const api_error& error, unsigned version);

} // namespace emu::api
