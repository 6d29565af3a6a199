#include "server/app/routes.hpp"

#include "server/features/feature_table.hpp"

#include <string>

namespace emu::app {
namespace {

namespace http = net::http;
using observability::route_kind;

constexpr auto get = http::verb::get;
constexpr auto post = http::verb::post;
constexpr auto put = http::verb::put;
constexpr auto del = http::verb::delete_;

net::path_pattern path(const char* pattern) {
    return net::path_pattern{pattern};
}

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

// An Eden v3 route: FastAPI's order of checks and error bodies, journaled as `kind`; the
// tenant's bearer token required unless `open` (discovery).
net::route_traits eden_v3(route_kind kind, std::string_view label, bool open = false) {
    net::route_traits traits;
    traits.auth = open ? net::credentials::none : net::credentials::eden_bearer;
    traits.dialect = net::error_dialect::eden_v3;
    traits.journaled = true;
    traits.kind = kind;
    traits.metrics_label = label;
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
        const auto base = "/v2/" + std::string{f.path};
        // GET first: a 405's Allow lists the methods in table order, "GET, POST, DELETE".
        // clang-format off
        table.add({get,  net::path_pattern{base}, eden_v2(route_kind::list, f.path),   for_feature(jobs, &jobs_endpoints::list, f)});
        table.add({post, net::path_pattern{base}, eden_v2(route_kind::launch, f.path), for_feature(jobs, &jobs_endpoints::launch, f)});
        if (f.deletable) {
            table.add({del, net::path_pattern{base}, eden_v2(route_kind::del, f.path), for_feature(jobs, &jobs_endpoints::remove_all, f)});
        }
        table.add({get,  net::path_pattern{base + "/{public_id}"}, eden_v2(route_kind::get, f.path), for_feature(jobs, &jobs_endpoints::get, f)});
        // clang-format on
    }
}

void add_eden_v3(net::route_table& table, const endpoints& to) {
    using namespace eden_v3;
    const auto launch = eden_v3(route_kind::launch, "v3_launch");
    const auto get_job = eden_v3(route_kind::get, "v3_get");
    const auto list = eden_v3(route_kind::list, "v3_list");
    const auto remove = eden_v3(route_kind::del, "v3_delete");
    const auto upload = eden_v3(route_kind::other, "v3_upload");
    const auto info = eden_v3(route_kind::other, "v3_info", true);
    const std::initializer_list<net::route> rows{
        // clang-format off
        {get,  path("/v3/universal-ai/async"),          list,    call(to.eden_v3_jobs, &async_endpoints::list)},
        {post, path("/v3/universal-ai/async"),          launch,  call(to.eden_v3_jobs, &async_endpoints::create)},
        {get,  path("/v3/universal-ai/async/{job_id}"), get_job, call(to.eden_v3_jobs, &async_endpoints::get)},
        {del,  path("/v3/universal-ai/async/{job_id}"), remove,  call(to.eden_v3_jobs, &async_endpoints::remove)},
        {get,  path("/v3/upload"),                      upload,  call(to.eden_v3_uploads, &upload_endpoints::list)},
        {post, path("/v3/upload"),                      upload,  call(to.eden_v3_uploads, &upload_endpoints::upload)},
        {del,  path("/v3/upload"),                      upload,  call(to.eden_v3_uploads, &upload_endpoints::remove_all)},
        {post, path("/v3/upload/delete"),               upload,  call(to.eden_v3_uploads, &upload_endpoints::remove)},
        {get,  path("/v3/info"),                        info,    call(to.eden_v3_info, &info_endpoints::features)},
        {get,  path("/v3/info/{feature}"),              info,    call(to.eden_v3_info, &info_endpoints::feature)},
        {get,  path("/v3/info/{feature}/{subfeature}"), info,    call(to.eden_v3_info, &info_endpoints::subfeature)},
        // clang-format on
    };
    for (const auto& row : rows) {
        table.add(row);
    }
}

} // namespace

net::route_table make_route_table(const endpoints& to) {
    using namespace control;
    net::route_table table;
    table.add_surface({"/",
                       plain_route("other"),
                       "edenmock serves Eden's v2 API under /v2/, its v3 API under /v3/ and its "
                       "own control API under /_emulator/"});
    table.add_surface({"/v2/",
                       eden_v2(route_kind::other, {}),
                       "v2 async features are at /v2/<category>/<feature>, such as "
                       "/v2/audio/speech_to_text_async (README, \"Eden AI v2 async features\")"});
    table.add_surface({"/v3/",
                       eden_v3(route_kind::other, "other"),
                       "v3 jobs are at /v3/universal-ai/async, uploads at /v3/upload and "
                       "discovery at /v3/info (README, \"Eden AI v3 async surface\")"});
    table.add_surface({"/_emulator/", plain_route("control")});
    add_eden_v2(table, to.eden_v2_jobs);
    add_eden_v3(table, to);

    // The control API, one row per route; await waits for time to pass, so it must not keep
    // the auto clock from skipping.
    const auto control = plain_route("control");
    auto waits = control;
    waits.activity = false;
    const std::initializer_list<net::route> rows{
        // clang-format off
        {get,     path("/_emulator/health"),                    control, call(to.system, &system_endpoints::health)},
        {get,     path("/_emulator/clock"),                     control, call(to.system, &system_endpoints::clock)},
        {post,    path("/_emulator/clock/advance"),             control, call(to.system, &system_endpoints::advance)},
        {post,    path("/_emulator/reset"),                     control, call(to.system, &system_endpoints::reset)},
        {get,     path("/_emulator/snapshot"),                  control, call(to.snapshots, &snapshot_endpoints::take)},
        {put,     path("/_emulator/snapshot"),                  control, call(to.snapshots, &snapshot_endpoints::restore)},
        {get,     path("/_emulator/await"),                     waits,   call(to.await, &await_endpoint::handle)},
        {get,     path("/_emulator/scenarios"),                 control, call(to.scenarios, &scenario_endpoints::list)},
        {post,    path("/_emulator/scenarios/reload"),          control, call(to.scenarios, &scenario_endpoints::reload)},
        {put,     path("/_emulator/scenarios/{name}"),          control, call(to.scenarios, &scenario_endpoints::put)},
        {del,     path("/_emulator/scenarios/{name}"),          control, call(to.scenarios, &scenario_endpoints::remove)},
        {get,     path("/_emulator/scenario-schema"),           control, call(to.scenarios, &scenario_endpoints::schema)},
        {post,    path("/_emulator/jobs/{public_id}/force"),    control, call(to.jobs, &job_endpoints::force)},
        {get,     path("/_emulator/jobs/{public_id}/polls"),    control, call(to.jobs, &job_endpoints::polls)},
        {get,     path("/_emulator/files/{public_id}/{provider}/{file}"), control, call(to.jobs, &job_endpoints::file)},
        {get,     path("/_emulator/webhooks"),                  control, call(to.webhooks, &webhook_endpoints::journal)},
        {get,     path("/_emulator/webhooks/public-key"),       control, call(to.webhooks, &webhook_endpoints::public_key)},
        {post,    path("/_emulator/webhooks/{delivery_id}/redeliver"), control, call(to.webhooks, &webhook_endpoints::redeliver)},
        {get,     path("/_emulator/requests"),                  control, call(to.journal, &journal_endpoints::requests)},
        {get,     path("/_emulator/verify"),                    control, call(to.journal, &journal_endpoints::verify)},
        {get,     path("/_emulator/metrics"),                   control, call(to.journal, &journal_endpoints::metrics)},
        // clang-format on
    };
    for (const auto& row : rows) {
        table.add(row);
    }
    return table;
}

} // namespace emu::app
