#include "server/app/routes.hpp"

#include "server/features/feature_table.hpp"

#include <string>

namespace emu::app {
namespace {

namespace http = net::http;
using observability::route_kind;

// An Eden v2 route: the tenant's bearer token required, journaled as `kind`.
net::route_traits eden_v2(route_kind kind, std::string_view feature) {
    net::route_traits traits;
    traits.auth = net::credentials::eden_bearer;
    traits.journaled = true;
    traits.kind = kind;
    traits.feature = feature;
    traits.metrics_label = observability::to_string(kind);
    return traits;
}

// A route without credentials that the request journal does not keep (the control API).
net::route_traits plain_route(std::string_view label) {
    net::route_traits traits;
    traits.metrics_label = label;
    return traits;
}

// A handler calling `method` on `endpoint`.
template <class Endpoint>
std::function<net::answer(const net::route_call&)>
call(Endpoint& endpoint, net::answer (Endpoint::*method)(const net::route_call&) const) {
    return [&endpoint, method](const net::route_call& c) {
        return (endpoint.*method)(c);
    };
}

// A v2 handler calling `method` for one feature.
std::function<net::answer(const net::route_call&)>
for_feature(eden_v2::jobs_endpoints& jobs,
            net::answer (eden_v2::jobs_endpoints::*method)(const net::route_call&,
                                                           const features::feature_spec&),
            const features::feature_spec& feature) {
    return [&jobs, method, &feature](const net::route_call& c) {
        return (jobs.*method)(c, feature);
    };
}

void add_eden_v2(net::route_table& table, eden_v2::jobs_endpoints& jobs) {
    using eden_v2::jobs_endpoints;
    for (const auto& f : features::all_features()) {
        const auto path = "/v2/" + std::string{f.path};
        // GET first: a 405's Allow lists the methods in table order, "GET, POST, DELETE".
        table.add({http::verb::get,
                   net::path_pattern{path},
                   eden_v2(route_kind::list, f.path),
                   for_feature(jobs, &jobs_endpoints::list, f)});
        table.add({http::verb::post,
                   net::path_pattern{path},
                   eden_v2(route_kind::launch, f.path),
                   for_feature(jobs, &jobs_endpoints::launch, f)});
        if (f.deletable) {
            table.add({http::verb::delete_,
                       net::path_pattern{path},
                       eden_v2(route_kind::del, f.path),
                       for_feature(jobs, &jobs_endpoints::remove_all, f)});
        }
        table.add({http::verb::get,
                   net::path_pattern{path + "/{public_id}"},
                   eden_v2(route_kind::get, f.path),
                   for_feature(jobs, &jobs_endpoints::get, f)});
    }
}

} // namespace

net::route_table make_route_table(const endpoints& to) {
    using namespace control;
    net::route_table table;
    table.add_surface({"/", plain_route("other")});
    table.add_surface({"/v2/", eden_v2(route_kind::other, {})});
    table.add_surface({"/_emulator/", plain_route("control")});
    add_eden_v2(table, to.eden_v2_jobs);

    const auto get = http::verb::get;
    const auto post = http::verb::post;
    const auto add = [&table](http::verb method,
                              const char* path,
                              std::function<net::answer(const net::route_call&)> handle) {
        table.add({method, net::path_pattern{path}, plain_route("control"), std::move(handle)});
    };
    add(get, "/_emulator/health", call(to.system, &system_endpoints::health));
    add(get, "/_emulator/clock", call(to.system, &system_endpoints::clock));
    add(post, "/_emulator/clock/advance", call(to.system, &system_endpoints::advance));
    add(post, "/_emulator/reset", call(to.system, &system_endpoints::reset));
    add(get, "/_emulator/scenarios", call(to.scenarios, &scenario_endpoints::list));
    add(post, "/_emulator/scenarios/reload", call(to.scenarios, &scenario_endpoints::reload));
    add(http::verb::put,
        "/_emulator/scenarios/{name}",
        call(to.scenarios, &scenario_endpoints::put));
    add(http::verb::delete_,
        "/_emulator/scenarios/{name}",
        call(to.scenarios, &scenario_endpoints::remove));
    add(get, "/_emulator/scenario-schema", call(to.scenarios, &scenario_endpoints::schema));
    add(post, "/_emulator/jobs/{public_id}/force", call(to.jobs, &job_endpoints::force));
    add(get, "/_emulator/jobs/{public_id}/polls", call(to.jobs, &job_endpoints::polls));
    add(get, "/_emulator/files/{public_id}/{provider}/{file}", call(to.jobs, &job_endpoints::file));
    add(get, "/_emulator/webhooks", call(to.webhooks, &webhook_endpoints::journal));
    add(get, "/_emulator/webhooks/public-key", call(to.webhooks, &webhook_endpoints::public_key));
    add(post,
        "/_emulator/webhooks/{delivery_id}/redeliver",
        call(to.webhooks, &webhook_endpoints::redeliver));
    add(get, "/_emulator/requests", call(to.journal, &journal_endpoints::requests));
    add(get, "/_emulator/verify", call(to.journal, &journal_endpoints::verify));
    add(get, "/_emulator/metrics", call(to.journal, &journal_endpoints::metrics));
    // Await waits for time to pass: it must not keep the auto clock from skipping.
    auto waits = plain_route("control");
    waits.activity = false;
    table.add({get,
               net::path_pattern{"/_emulator/await"},
               waits,
               call(to.await, &await_endpoint::handle)});
    return table;
}

} // namespace emu::app
