#include "server/api/webhook_endpoints.hpp"

#include "server/api/api_error.hpp"
#include "server/api/query_flags.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <array>

namespace emu::api {
namespace {

namespace json = boost::json;

constexpr std::string_view prefix = "/_emulator/webhooks";
constexpr std::string_view redeliver_suffix = "/redeliver";

// The statuses a journal query may filter on.
constexpr std::array<std::string_view, 6> statuses{
    "in_flight", "delivered", "failed", "dropped", "blocked", "cancelled"};

} // namespace

webhook_endpoints::webhook_endpoints(webhooks::webhook_dispatcher& dispatcher)
    : dispatcher_(dispatcher) {}

response webhook_endpoints::handle(const request& req, std::string_view path) {
    if (path.size() > prefix.size() && path.back() == '/') {
        path.remove_suffix(1);
    }
    auto rest = path.substr(prefix.size());
    const auto only = [&](http::verb method) {
        if (req.method() != method) {
            throw api_error::method_not_allowed(req.method_string(),
                                                std::string{http::to_string(method)});
        }
    };
    if (rest.empty()) {
        only(http::verb::get);
        return journal(req);
    }
    if (rest == "/public-key") {
        only(http::verb::get);
        return public_key(req);
    }
    if (rest.starts_with('/') && rest.ends_with(redeliver_suffix) &&
        rest.size() > 1 + redeliver_suffix.size()) {
        only(http::verb::post);
        return redeliver(req, rest.substr(1, rest.size() - 1 - redeliver_suffix.size()));
    }
    throw api_error::not_found();
}

response webhook_endpoints::journal(const request& req) {
    field_errors errors;
    const query_flags query{target_query(req.target()), errors};
    webhooks::journal_filter filter;
    filter.job_id = query.text("job").value_or("");
    filter.delivery_id = query.text("delivery").value_or("");
    filter.receiver = query.text("receiver").value_or("");
    filter.tenant = query.text("tenant").value_or("");
    filter.status = query.text("status").value_or("");
    if (!filter.status.empty() &&
        std::find(statuses.begin(), statuses.end(), filter.status) == statuses.end()) {
        errors.add("status",
                   "Expected one of in_flight, delivered, failed, dropped, blocked, cancelled.");
    }
    if (!errors.empty()) {
        throw api_error::invalid(errors);
    }
    json::array attempts;
    for (const auto& record : dispatcher_.journal(filter)) {
        attempts.push_back(webhooks::to_json(record));
    }
    return json_response(http::status::ok,
                         json::object{{"attempts", std::move(attempts)},
                                      {"journal_dropped", dispatcher_.journal_dropped()},
                                      {"in_flight", dispatcher_.in_flight()}},
                         req.version());
}

response webhook_endpoints::public_key(const request& req) {
    response res{http::status::ok, req.version()};
    res.set(http::field::content_type, "application/x-pem-file");
    res.body() = dispatcher_.public_key_pem();
    res.prepare_payload();
    return res;
}

response webhook_endpoints::redeliver(const request& req, std::string_view delivery_id) {
    if (!dispatcher_.redeliver(std::string{delivery_id})) {
        throw api_error::not_found();
    }
    return json_response(http::status::accepted,
                         json::object{{"delivery_id", delivery_id}, {"redelivering", true}},
                         req.version());
}

} // namespace emu::api
