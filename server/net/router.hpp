#pragma once

#include "server/net/api_error.hpp"
#include "server/net/hints.hpp"
#include "server/net/http_types.hpp"
#include "server/net/near_route.hpp"
#include "server/net/rate_limiter.hpp"
#include "server/net/request_recorder.hpp"
#include "server/net/route_table.hpp"
#include "server/scheduling/activity.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::net {

// Who may call the Eden API and how refusals look.
struct auth_settings {
    std::vector<std::string> api_keys; // empty: any non-empty bearer token, one tenant per token
    unsigned failure_status = 403;     // 403 (Eden's documented answer) or 401
};

// Answers each request from the route table: finds its route (404, or 405 with the table's
// Allow), checks the route's credentials, counts it as activity for the auto clock when the
// route does, calls the handler, turns api_error (and any other exception) into Eden-format
// responses, and hands the route, tenant and answer to the request recorder. Adds the
// near-miss hints of misses and refusals (X-Edenmock-Hint), logs each distinct one once, and
// strips every hint with --hints off.
class router {
public:
    // `activity` counts requests in flight (the auto clock skips time only when none are);
    // `recorder` journals and counts every request. Both outlive the router.
    // `limiter`, when set, caps each tenant's requests to credentialed routes (--rate-limit).
    router(const route_table& table,
           auth_settings auth,
           hint_mode hints,
           scheduling::activity& activity,
           const request_recorder& recorder,
           rate_limiter* limiter = nullptr);

    answer handle(const request& req) const;

    // With --state: every request but GET and HEAD that succeeded (a launch, an upload, a
    // delete, a control call) is answered only once what it changed is committed; `wait` makes
    // the wait for everything changed so far. Set before serving.
    void hold_changes(std::function<durable_wait()> wait) { durable_ = std::move(wait); }

    // The error format of the surface a request target is under (for errors found before a
    // request is whole, such as a body over the limit).
    error_dialect dialect_of(std::string_view target) const;

private:
    answer dispatch(const request& req,
                    const route_match& match,
                    const route_traits& traits,
                    std::string_view& tenant) const;

    // Who a request says it is: its tenant (the API key), or the api_error refusing it.
    struct identity {
        std::string_view tenant;
        std::optional<api_error> refusal;
    };

    identity identify(const request& req, error_dialect dialect) const;

    // The hint of a credential refusal: what to send instead.
    std::string credential_hint(const request& req) const;

    // Logs the answer's hint once, or strips it with --hints off.
    void handle_hint(const request& req, answer& result) const;

    const route_table& table_;
    auth_settings auth_;
    hint_mode hints_;
    route_hints route_hints_;
    mutable hint_log hint_log_;
    scheduling::activity& activity_;
    const request_recorder& recorder_;
    rate_limiter* limiter_;
    std::function<durable_wait()> durable_;
};

// The response for an error outside any request's handling (413, 431, unparseable HTTP).
response error_response(const api_error& error, unsigned version);

} // namespace emu::net
