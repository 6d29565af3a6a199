#include "server/net/router.hpp"

#include "server/net/v3_errors.hpp"
#include "server/support/text.hpp"

#include <algorithm>
#include <exception>

namespace emu::net {

response error_response(const api_error& error, unsigned version) {
    auto res = json_response(static_cast<http::status>(error.status()), error.body(), version);
    for (const auto& [name, value] : error.headers()) {
        res.set(name, value);
    }
    return res;
}

router::router(const route_table& table,
               auth_settings auth,
               scheduling::activity& activity,
               const request_recorder& recorder,
               rate_limiter* limiter)
    : table_(table)
    , auth_(std::move(auth))
    , activity_(activity)
    , recorder_(recorder)
    , limiter_(limiter) {}

answer router::handle(const request& req) const {
    const auto arrived = recorder_.start();
    const auto match = table_.match(req.method(), target_path(req.target()));
    // A request that matches no route is filed as its surface's; one that matches the path but
    // not the method keeps the path's route, as "other".
    route_traits traits = match.found       ? match.found->traits
                          : match.same_path ? match.same_path->traits
                                            : match.under->unmatched;
    if (!match.found) {
        traits.kind = observability::route_kind::other;
        traits.metrics_label = match.under->unmatched.metrics_label;
    }
    std::optional<scheduling::activity::scope> busy;
    if (traits.activity) {
        busy.emplace(activity_);
    }
    std::string_view tenant;
    answer result;
    try {
        result = dispatch(req, match, traits, tenant);
    } catch (const api_error& error) {
        result = {error_response(error, req.version())};
    } catch (const std::exception& error) {
        const auto internal = traits.dialect == error_dialect::eden_v3
                                  ? v3::internal(error.what())
                                  : api_error::internal(error.what());
        result = {error_response(internal, req.version())};
    }
    result.res.keep_alive(req.keep_alive());
    recorder_.finish(arrived, req, result, {traits, tenant, match.params});
    return result;
}

answer router::dispatch(const request& req,
                        const route_match& match,
                        const route_traits& traits,
                        std::string_view& tenant) const {
    const bool v3 = traits.dialect == error_dialect::eden_v3;
    // FastAPI routes before it authenticates: an unknown path is a 404, and a known path's
    // other method a 405, whatever the credentials.
    if (v3 && !match.found) {
        throw match.same_path ? v3::method_not_allowed(match.allow) : v3::route_not_found();
    }
    if (traits.auth == credentials::eden_bearer) {
        auto caller = identify(req, traits.dialect);
        tenant = caller.tenant;
        // Eden (Django REST Framework) checks credentials before the method; a request that
        // matches no route at all is a 404 whatever its credentials.
        if (caller.refusal && (match.found || match.same_path)) {
            throw *caller.refusal;
        }
        if (limiter_ != nullptr && !caller.refusal && (match.found || match.same_path)) {
            if (const auto wait = limiter_->admit(tenant)) {
                const auto seconds = std::chrono::duration<double>(*wait).count();
                throw v3 ? v3::rate_limited(seconds) : api_error::rate_limited(seconds);
            }
        }
    }
    if (match.found) {
        return match.found->handle(route_call{req, *match.found, match.params, tenant});
    }
    if (match.same_path) {
        throw api_error::method_not_allowed(req.method_string(), match.allow);
    }
    throw api_error::not_found();
}

router::identity router::identify(const request& req, error_dialect dialect) const {
    const bool v3 = dialect == error_dialect::eden_v3;
    const auto header = req[http::field::authorization];
    if (header.empty()) {
        return {{},
                v3 ? v3::not_authenticated()
                   : api_error::unauthenticated(auth_.failure_status,
                                                "Authentication credentials were not provided.")};
    }
    const auto token = support::bearer_token(header);
    if (!token) {
        return {{},
                v3 ? v3::invalid_credentials()
                   : api_error::unauthenticated(
                         auth_.failure_status,
                         "Malformed Authorization header: expected \"Bearer <API key>\".")};
    }
    if (!auth_.api_keys.empty() &&
        std::find(auth_.api_keys.begin(), auth_.api_keys.end(), *token) == auth_.api_keys.end()) {
        return {{},
                v3 ? v3::invalid_token()
                   : api_error::unauthenticated(auth_.failure_status, "Invalid API key.")};
    }
    return {*token, std::nullopt};
}

} // namespace emu::net
