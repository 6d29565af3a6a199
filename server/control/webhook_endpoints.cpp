#include "server/control/webhook_endpoints.hpp"

#include "server/control/control_query.hpp"
#include "server/control/not_found.hpp"
#include "server/net/api_error.hpp"
#include "server/wire/journal_records.hpp"

#include <boost/json/object.hpp>

namespace emu::control {
namespace {

namespace json = boost::json;
namespace http = net::http;

} // namespace

webhook_endpoints::webhook_endpoints(webhooks::webhook_dispatcher& dispatcher)
    : dispatcher_(dispatcher) {}

net::answer webhook_endpoints::journal(const net::route_call& call) const {
    control_query query{call.req};
    webhooks::journal_filter filter;
    query.texts({{"job", &filter.job_id},
                 {"delivery", &filter.delivery_id},
                 {"receiver", &filter.receiver},
                 {"tenant", &filter.tenant}});
    filter.status = query.choice("status", webhooks::attempt_status_names);
    query.done();
    return net::json_response(
        http::status::ok,
        json::object{{"attempts", json::value_from(dispatcher_.journal(filter))},
                     {"journal_dropped", dispatcher_.journal_dropped()},
                     {"in_flight", dispatcher_.in_flight()}},
        call.req.version());
}

net::answer webhook_endpoints::public_key(const net::route_call& call) const {
    net::response res{http::status::ok, call.req.version()};
    res.set(http::field::content_type, "application/x-pem-file");
    res.body() = dispatcher_.public_key_pem();
    res.prepare_payload();
    return res;
}

net::answer webhook_endpoints::redeliver(const net::route_call& call) const {
    const auto delivery_id = call.params["delivery_id"];
    if (!dispatcher_.redeliver(std::string{delivery_id})) {
        throw not_found("No delivery \"" + std::string{delivery_id.substr(0, 40)} +
                        "\" in the delivery journal: GET /_emulator/webhooks lists them (the "
                        "oldest are dropped: --webhook-journal-size).");
    }
    return net::json_response(http::status::accepted,
                              json::object{{"delivery_id", delivery_id}, {"redelivering", true}},
                              call.req.version());
}

} // namespace emu::control
