#include "server/control/snapshot_endpoints.hpp"

#include "server/control/control_query.hpp"
#include "server/net/api_error.hpp"
#include "server/wire/json_writer.hpp"
#include "server/wire/snapshot_document.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

namespace emu::control {
namespace {

namespace json = boost::json;
namespace http = net::http;

[[noreturn]] void refuse(std::string field, std::string message) {
    net::field_errors errors;
    errors.add(std::move(field), std::move(message));
    throw net::api_error::invalid(errors);
}

} // namespace

snapshot_endpoints::snapshot_endpoints(engine::state_transfer& transfer)
    : transfer_(transfer) {}

net::answer snapshot_endpoints::take(const net::route_call& call) const {
    const auto tenant = control_query::tenant_only(call.req);
    net::response res{http::status::ok, call.req.version()};
    res.set(http::field::content_type, "application/json");
    res.body() = json_text::canonical(wire::snapshot_document(transfer_.capture(tenant)));
    res.body() += '\n';
    res.prepare_payload();
    return res;
}

net::answer snapshot_endpoints::restore(const net::route_call& call) const {
    const auto tenant = control_query::tenant_only(call.req);
    boost::system::error_code ec;
    const auto document = json::parse(call.req.body(), ec);
    if (ec) {
        refuse("snapshot", "the body is not JSON (" + ec.message() + ")");
    }
    engine::emulator_state state;
    try {
        state = wire::read_snapshot(document);
    } catch (const wire::snapshot_error& error) {
        refuse("snapshot", error.what());
    }
    if (const auto refusal = transfer_.refusal(state, tenant)) {
        refuse(refusal->field, refusal->message);
    }
    std::size_t jobs = 0;
    std::size_t files = 0;
    for (const auto& part : state.tenants) {
        jobs += part.jobs.jobs.size();
        files += part.uploads.size();
    }
    const auto tenants = state.tenants.size();
    transfer_.restore(std::move(state), tenant);
    return net::json_response(
        http::status::ok,
        json::object{
            {"restored",
             json::object{
                 {"tenant", tenant}, {"tenants", tenants}, {"jobs", jobs}, {"files", files}}}},
        call.req.version());
}

} // namespace emu::control
