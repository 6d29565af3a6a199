#include "server/api/router.hpp"

#include "server/api/api_error.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <optional>

namespace emu::api {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool starts_with_bearer(std::string_view header) {
    constexpr std::string_view scheme = "bearer ";
    return header.size() >= scheme.size() &&
           std::equal(scheme.begin(), scheme.end(), header.begin(), [](char a, char b) {
               return a == std::tolower(static_cast<unsigned char>(b));
           });
}

} // namespace

response error_response(const api_error& error, unsigned version) {
    auto res = json_response(static_cast<http::status>(error.status()), error.body(), version);
    for (const auto& [name, value] : error.headers()) {
        res.set(name, value);
    }
    return res;
}

router::router(jobs_endpoints& jobs,
               admin_endpoints& admin,
               webhook_endpoints& webhooks,
               await_endpoint& await,
               auth_settings auth)
    : jobs_(jobs)
    , admin_(admin)
    , webhooks_(webhooks)
    , await_(await)
    , auth_(std::move(auth)) {}

answer router::handle(const request& req) const {
    std::optional<scheduling::activity::scope> busy;
    if (activity_ != nullptr && target_path(req.target()) != "/_emulator/await") {
        busy.emplace(*activity_);
    }
    const auto arrived = recorder_ != nullptr ? recorder_->start() : request_recorder::mark{};
    answer result;
    try {
        result = route(req);
    } catch (const api_error& error) {
        result = {error_response(error, req.version()), {}};
    } catch (const std::exception& error) {
        result = {error_response(api_error::internal(error.what()), req.version()), {}};
    }
    result.res.keep_alive(req.keep_alive());
    if (recorder_ != nullptr) {
        recorder_->finish(arrived, req, result.res, journal_tenant(req));
    }
    return result;
}

std::string_view router::journal_tenant(const request& req) const {
    if (!target_path(req.target()).starts_with("/v2/")) {
        return {};
    }
    try {
        return authenticate(req);
    } catch (const api_error&) {
        return {};
    }
}

std::string_view router::authenticate(const request& req) const {
    const auto header = req[http::field::authorization];
    if (header.empty()) {
        throw api_error::unauthenticated(auth_.failure_status,
                                         "Authentication credentials were not provided.");
    }
    if (!starts_with_bearer(header) || trim(header.substr(7)).empty()) {
        throw api_error::unauthenticated(
            auth_.failure_status, "Malformed Authorization header: expected \"Bearer <API key>\".");
    }
    const auto token = trim(header.substr(7));
    if (!auth_.api_keys.empty() &&
        std::find(auth_.api_keys.begin(), auth_.api_keys.end(), token) == auth_.api_keys.end()) {
        throw api_error::unauthenticated(auth_.failure_status, "Invalid API key.");
    }
    return token;
}

answer router::route(const request& req) const {
    const auto path = target_path(req.target());
    if (path == "/_emulator/await" || path == "/_emulator/await/") {
        return await_.handle(req);
    }
    if (path == "/_emulator/webhooks" || path.starts_with("/_emulator/webhooks/")) {
        return {webhooks_.handle(req, path), {}};
    }
    if (observability_ != nullptr && observability_endpoints::handles(path)) {
        return {observability_->handle(req, path), {}};
    }
    if (path.starts_with("/_emulator/")) {
        return {admin_.handle(req, path), {}};
    }
    if (!path.starts_with("/v2/")) {
        throw api_error::not_found();
    }
    auto rest = path.substr(4);
    if (rest.ends_with('/')) {
        rest.remove_suffix(1);
    }
    if (const auto* feature = features::find_feature(rest)) {
        const auto tenant = authenticate(req);
        switch (req.method()) {
        case http::verb::post:
            return jobs_.launch(req, *feature, tenant);
        case http::verb::get:
            return jobs_.list(req, *feature, tenant);
        case http::verb::delete_:
            if (feature->deletable) {
                return jobs_.remove_all(req, *feature, tenant);
            }
            break;
        default:
            break;
        }
        throw api_error::method_not_allowed(req.method_string(),
                                            feature->deletable ? "GET, POST, DELETE" : "GET, POST");
    }
    const auto slash = rest.rfind('/');
    if (slash == std::string_view::npos) {
        throw api_error::not_found();
    }
    if (const auto* feature = features::find_feature(rest.substr(0, slash))) {
        const auto tenant = authenticate(req);
        if (req.method() != http::verb::get) {
            throw api_error::method_not_allowed(req.method_string(), "GET");
        }
        return jobs_.get(req, *feature, tenant, rest.substr(slash + 1));
    }
    throw api_error::not_found();
}

} // namespace emu::api
