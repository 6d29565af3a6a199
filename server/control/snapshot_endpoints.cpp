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

} // namespace

std::string snapshot_text(engine::state_transfer& transfer, std::string_view tenant) {
    auto text = json_text::canonical(wire::snapshot_document(transfer.capture(tenant)));
    text += '\n';
    return text;
}

engine::emulator_state restorable_snapshot(std::string_view text,
                                           const engine::state_transfer& transfer,
                                           std::string_view into) {
    boost::system::error_code ec;
    const auto document = json::parse(text, ec);
    if (ec) {
        throw snapshot_refusal{"snapshot", "the document is not JSON (" + ec.message() + ")"};
    }
    engine::emulator_state state;
    try {
        state = wire::read_snapshot(document);
    } catch (const wire::snapshot_error& error) {
        throw snapshot_refusal{"snapshot", error.what()};
    }
    if (const auto refusal = transfer.refusal(state, into)) {
        throw snapshot_refusal{refusal->field, "$." + refusal->field + ": " + refusal->message};
    }
    return state;
}

snapshot_endpoints::snapshot_endpoints(engine::state_transfer& transfer)
    : transfer_(transfer) {}

net::answer snapshot_endpoints::take(const net::route_call& call) const {
    const auto tenant = control_query::tenant_only(call.req);
    return net::json_text_response(
        http::status::ok, snapshot_text(transfer_, tenant), call.req.version());
}

net::answer snapshot_endpoints::restore(const net::route_call& call) const {
    const auto tenant = control_query::tenant_only(call.req);
    engine::emulator_state state;
    try {
        state = restorable_snapshot(call.req.body(), transfer_, tenant);
    } catch (const snapshot_refusal& refused) {
        net::field_errors errors;
        errors.add(refused.field(), refused.what());
        throw net::api_error::invalid(errors);
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
