#include "server/control/scenario_endpoints.hpp"

#include "server/control/control_query.hpp"
#include "server/control/not_found.hpp"
#include "server/net/api_error.hpp"
#include "server/scenario/scenario_loader.hpp"
#include "server/scenario/scenario_schema.hpp"
#include "server/wire/control_records.hpp"
#include "server/wire/nullable.hpp"

#include <boost/json/object.hpp>

namespace emu::control {
namespace {

namespace json = boost::json;
namespace http = net::http;
using net::api_error;
using wire::text_or_null;

} // namespace

scenario_endpoints::scenario_endpoints(scenario::scenario_catalog& catalog,
                                       scenario::scenario_watcher* watcher)
    : catalog_(catalog)
    , watcher_(watcher) {}

net::answer scenario_endpoints::list(const net::route_call& call) const {
    const auto tenant = control_query::tenant_only(call.req);
    const auto active = tenant.empty() ? catalog_.active() : catalog_.active_for(tenant);
    return net::json_response(
        http::status::ok,
        json::object{{"scenarios", json::value_from(active)},
                     {"files", watcher_ ? json::value(watcher_->path().string()) : nullptr},
                     {"load_error", text_or_null(catalog_.load_error())}},
        call.req.version());
}

net::answer scenario_endpoints::schema(const net::route_call& call) const {
    net::response res{http::status::ok, call.req.version()};
    res.set(http::field::content_type, "application/schema+json");
    res.body() = std::string{scenario::scenario_schema_text()};
    res.prepare_payload();
    return res;
}

net::answer scenario_endpoints::reload(const net::route_call& call) const {
    if (watcher_ == nullptr) {
        throw api_error::conflict(
            "edenmock was started without --scenarios: there are no files to reload.");
    }
    const bool reloaded = watcher_->reload();
    return net::json_response(
        http::status::ok,
        json::object{{"reloaded", reloaded}, {"load_error", text_or_null(catalog_.load_error())}},
        call.req.version());
}

net::answer scenario_endpoints::put(const net::route_call& call) const {
    const auto name = call.params["name"];
    const auto tenant = control_query::tenant_only(call.req);
    const std::string origin = "PUT /_emulator/scenarios/" + std::string{name};
    scenario::scenario added;
    try {
        auto document = scenario::parse_scenario_json(call.req.body(), origin);
        if (document.is_object()) {
            auto& object = document.get_object();
            const auto* given = object.if_contains("name");
            if (given != nullptr && (!given->is_string() || given->get_string() != name)) {
                throw scenario::load_error{origin + ": name: must be \"" + std::string{name} +
                                           "\", the name in the path"};
            }
            object["name"] = name;
        }
        added = scenario::scenario_from_json(document, origin);
    } catch (const scenario::load_error& error) {
        net::field_errors errors;
        errors.add("scenario", error.what());
        throw api_error::invalid(errors);
    }
    catalog_.put_runtime(std::move(added), tenant);
    return net::json_response(
        http::status::ok,
        json::object{{"name", name}, {"source", "runtime"}, {"tenant", text_or_null(tenant)}},
        call.req.version());
}

net::answer scenario_endpoints::remove(const net::route_call& call) const {
    const auto name = call.params["name"];
    const auto tenant = control_query::tenant_only(call.req);
    if (!catalog_.remove_runtime(name, tenant)) {
        const std::string whose = tenant.empty() ? "" : " of tenant \"" + tenant + "\"";
        throw not_found("No runtime scenario named \"" + std::string{name} + "\"" + whose +
                        "; scenarios from files change with their files.");
    }
    return net::empty_response(http::status::no_content, call.req.version());
}

} // namespace emu::control
