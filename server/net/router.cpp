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
               hint_mode hints,
               scheduling::activity& activity,
               const request_recorder& recorder,
               rate_limiter* limiter)
    : table_(table)
    , auth_(std::move(auth))
    , hints_(hints)
    , route_hints_(table)
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
    handle_hint(req, result);
    // Journaled first, so that with --state the change's commit holds its journal record too.
    recorder_.finish(arrived, req, result, {traits, tenant, match.params});
    if (durable_ && req.method() != http::verb::get && req.method() != http::verb::head &&
        result.res.result_int() < 400) {
        result.how.until_durable = durable_();
    }
    result.res.keep_alive(req.keep_alive());
    return result;
}

answer router::dispatch(const request& req,
                        const route_match& match,
                        const route_traits& traits,
                        std::string_view& tenant) const {
    const bool v3 = traits.dialect == error_dialect::eden_v3;
    const auto miss = [&](api_error error) {
        if (hints_ != hint_mode::off) {
            error.with_hint(route_hints_.miss(req.method(), target_path(req.target()), match));
        }
        return error;
    };
    // FastAPI routes before it authenticates: an unknown path is a 404, and a known path's
    // other method a 405, whatever the credentials.
    if (v3 && !match.found) {
        throw miss(match.same_path ? v3::method_not_allowed(match.allow) : v3::route_not_found());
    }
    if (traits.auth == credentials::eden_bearer) {
        auto caller = identify(req, traits.dialect);
        tenant = caller.tenant;
        // Eden (Django REST Framework) checks credentials before the method; a request that
        // matches no route at all is a 404 whatever its credentials.
        if (caller.refusal && (match.found || match.same_path)) {
            throw caller.refusal->with_hint(credential_hint(req));
        }
        if (limiter_ != nullptr && !caller.refusal && (match.found || match.same_path)) {
            if (const auto wait = limiter_->admit(tenant)) {
                const auto seconds = std::chrono::duration<double>(*wait).count();
                throw v3 ? v3::rate_limited(seconds) : api_error::rate_limited(seconds);
            }
        }
    }
    if (match.found) {
        return match.found->handle(route_call{req, *match.found, match.params, tenant, hints_});
    }
    if (match.same_path) {
        throw miss(api_error::method_not_allowed(req.method_string(), match.allow));
    }
    throw miss(api_error::not_found());
}

std::string router::credential_hint(const request& req) const {
    const auto header = req[http::field::authorization];
    const std::string send = "send the header \"Authorization: Bearer <API key>\"";
    const std::string accepted = auth_.api_keys.empty()
                                     ? " (any non-empty key works; each key is its own tenant)"
                                     : " with one of the keys given by --api-key";
    if (header.empty()) {
        return "no Authorization header; " + send + accepted;
    }
    if (!support::bearer_token(header)) {
        // The scheme is named only when it is one (a bare key must not reach the log).
        const auto space = header.find(' ');
        if (space == std::string_view::npos) {
            return "the Authorization header has no scheme; " + send;
        }
        const auto scheme = header.substr(0, space);
        if (support::iequals(scheme, "Bearer")) {
            return "the key after \"Bearer\" is empty; " + send + accepted;
        }
        const bool word =
            scheme.size() <= 16 && std::all_of(scheme.begin(), scheme.end(), [](char c) {
                return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            });
        return (word ? "the scheme \"" + std::string{scheme} + "\" is not Bearer; "
                     : std::string{"the Authorization header is not \"Bearer <key>\"; "}) +
               send;
    }
    return "this key is not one of the " + std::to_string(auth_.api_keys.size()) +
           " given by --api-key; send one of them as \"Authorization: Bearer <API key>\"";
}

void router::handle_hint(const request& req, answer& result) const {
    auto& res = result.res;
    if (res.result_int() < 400) {
        return; // hints come with errors only: no header lookup on a served request
    }
    const auto hint = res[hint_header];
    if (hint.empty()) {
        return;
    }
    if (hints_ == hint_mode::off) {
        res.erase(hint_header);
        return;
    }
    hint_log_.note(req.method_string(), target_path(req.target()), res.result_int(), hint);
}

error_dialect router::dialect_of(std::string_view target) const {
    const auto* under = table_.surface_of(target_path(target));
    return under == nullptr ? error_dialect::eden_v2 : under->unmatched.dialect;
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
