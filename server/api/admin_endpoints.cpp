#include "server/api/admin_endpoints.hpp"

#include "fake_providers/deterministic.hpp"
#include "server/api/api_error.hpp"
#include "server/api/field_values.hpp"
#include "server/api/jobs_endpoints.hpp"
#include "server/api/query_flags.hpp"
#include "server/api/result_renderer.hpp"
#include "server/scenario/scenario_loader.hpp"
#include "server/scenario/scenario_schema.hpp"
#include "server/scheduling/iso_time.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

namespace emu::api {
namespace {

namespace json = boost::json;

std::string_view content_type_for(std::string_view filename) {
    const auto ext = filename.substr(filename.rfind('.') + 1);
    if (ext == "wav")
        return "audio/wav";
    if (ext == "mp3")
        return "audio/mpeg";
    if (ext == "mp4")
        return "video/mp4";
    if (ext == "avi")
        return "video/x-msvideo";
    if (ext == "pdf")
        return "application/pdf";
    if (ext == "png")
        return "image/png";
    if (ext == "jpg" || ext == "jpeg")
        return "image/jpeg";
    if (ext == "json")
        return "application/json";
    if (ext == "txt")
        return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

} // namespace

admin_endpoints::admin_endpoints(jobs::job_service& jobs,
                                 scheduling::tenant_clocks& clocks,
                                 webhooks::webhook_dispatcher& webhooks,
                                 scenario::scenario_catalog& scenarios,
                                 scenario::scenario_watcher* watcher,
                                 fault_injector& faults,
                                 const fake::registry& registry,
                                 std::uint64_t seed,
                                 std::string_view clock_mode,
                                 scheduling::clock_control* control)
    : jobs_(jobs)
    , clocks_(clocks)
    , webhooks_(webhooks)
    , scenarios_(scenarios)
    , watcher_(watcher)
    , faults_(faults)
    , registry_(registry)
    , seed_(seed)
    , clock_mode_(clock_mode)
    , control_(control)
    , routes_{
          {http::verb::get, "/_emulator/health", false, &admin_endpoints::health},
          {http::verb::get, "/_emulator/clock", false, &admin_endpoints::clock},
          {http::verb::post, "/_emulator/clock/advance", false, &admin_endpoints::advance},
          {http::verb::post, "/_emulator/reset", false, &admin_endpoints::reset},
          {http::verb::get, "/_emulator/files/", true, &admin_endpoints::file},
          {http::verb::get, "/_emulator/scenarios", false, &admin_endpoints::list_scenarios},
          {http::verb::get, "/_emulator/scenario-schema", false, &admin_endpoints::scenario_schema},
          {http::verb::post,
           "/_emulator/scenarios/reload",
           false,
           &admin_endpoints::reload_scenarios},
          {http::verb::put, "/_emulator/scenarios/", true, &admin_endpoints::put_scenario},
          {http::verb::delete_, "/_emulator/scenarios/", true, &admin_endpoints::delete_scenario},
          {http::verb::post, "/_emulator/jobs/", true, &admin_endpoints::force_job},
      } {}

response admin_endpoints::handle(const request& req, std::string_view path) {
    if (path.size() > 1 && path.back() == '/' && !path.starts_with("/_emulator/files/")) {
        path.remove_suffix(1);
    }
    std::string allow;
    for (const auto& r : routes_) {
        const bool matches = r.prefix ? path.starts_with(r.path) : path == r.path;
        if (!matches) {
            continue;
        }
        if (r.method == req.method()) {
            return (this->*r.handle)(req,
                                     r.prefix ? path.substr(r.path.size()) : std::string_view{});
        }
        allow += (allow.empty() ? "" : ", ") + std::string{http::to_string(r.method)};
    }
    if (!allow.empty()) {
        throw api_error::method_not_allowed(req.method_string(), allow);
    }
    throw api_error::not_found();
}

json::object admin_endpoints::clock_state(std::string_view tenant) const {
    const auto now = clocks_.now(tenant);
    json::object state{
        {"mode", clock_mode_},
        {"now", scheduling::format_utc(now)},
        {"epoch_ms", now.time_since_epoch().count() / 1000},
    };
    if (!tenant.empty()) {
        state["tenant"] = tenant;
        state["ahead_ms"] = clocks_.offset(tenant).count() / 1000;
    }
    return state;
}

response admin_endpoints::health(const request& req, std::string_view) {
    return json_response(
        http::status::ok,
        json::object{{"status", "ok"}, {"clock", clock_mode_}, {"jobs", jobs_.job_count()}},
        req.version());
}

response admin_endpoints::clock(const request& req, std::string_view) {
    return json_response(http::status::ok, clock_state(tenant_param(req)), req.version());
}

response admin_endpoints::advance(const request& req, std::string_view) {
    if (control_ == nullptr) {
        throw api_error::conflict("The clock is " + clock_mode_ +
                                  " and cannot be advanced; start edenmock with --clock manual.");
    }
    const auto tenant = tenant_param(req);
    const auto now = clocks_.now(tenant);
    boost::system::error_code ec;
    const auto body = json::parse(req.body(), ec);
    if (ec || !body.is_object()) {
        throw api_error::malformed_body("Expected a JSON object like {\"seconds\": 5}, {\"ms\": "
                                        "5000}, {\"to\": \"2026-01-01T00:10:00Z\"} or "
                                        "{\"until_idle\": true}.");
    }
    const auto& object = body.get_object();
    field_errors errors;
    std::optional<scheduling::duration> by;
    std::optional<scheduling::instant> to_time;
    int given = 0;
    for (const auto& [key, scale] : {std::pair{"seconds", 1e6}, std::pair{"ms", 1e3}}) {
        const auto* value = object.if_contains(key);
        if (value == nullptr) {
            continue;
        }
        ++given;
        const auto number = value_as_number(*value);
        if (!number || *number < 0 || *number * scale > 1e17) {
            errors.add(key, "Expected a non-negative number.");
        } else {
            by = scheduling::duration{static_cast<std::int64_t>(std::round(*number * scale))};
        }
    }
    if (const auto* to = object.if_contains("to")) {
        ++given;
        const auto at = to->is_string() ? scheduling::parse_iso8601(to->get_string())
                                        : std::optional<scheduling::instant>{};
        if (!at) {
            errors.add("to", "Expected an ISO-8601 time like \"2026-01-01T00:10:00Z\".");
        } else if (*at < now) {
            errors.add("to",
                       "The clock cannot go back: it reads " + scheduling::format_utc(now) + ".");
        } else {
            to_time = at;
        }
    }
    const auto* until_idle = object.if_contains("until_idle");
    if (until_idle != nullptr) {
        ++given;
        if (!until_idle->is_bool() || !until_idle->get_bool()) {
            errors.add("until_idle", "Expected true.");
        }
    }
    if (given != 1 && errors.empty()) {
        errors.add("seconds", "Give exactly one of \"seconds\", \"ms\", \"to\" or \"until_idle\".");
    }
    if (!errors.empty()) {
        throw api_error::invalid(errors);
    }
    std::optional<bool> idle;
    if (by) {
        control_->advance(*by, tenant);
    } else if (to_time) {
        control_->advance_to(*to_time, tenant);
    } else {
        idle = control_->advance_until_idle(tenant);
    }
    auto answer = clock_state(tenant);
    if (idle) {
        answer["idle"] = *idle;
    }
    return json_response(http::status::ok, answer, req.version());
}

void admin_endpoints::on_reset(std::function<void(std::string_view tenant)> callback) {
    on_reset_ = std::move(callback);
}

std::string admin_endpoints::tenant_param(const request& req) {
    field_errors errors;
    const query_flags query{target_query(req.target()), errors};
    auto tenant = query.text("tenant");
    if (tenant && tenant->empty()) {
        errors.add("tenant", "Expected an API key (the bearer token of the tenant).");
    }
    if (!errors.empty()) {
        throw api_error::invalid(errors);
    }
    return tenant.value_or("");
}

response admin_endpoints::reset(const request& req, std::string_view) {
    return json_response(http::status::ok, reset_tenant(tenant_param(req)), req.version());
}

json::object admin_endpoints::reset_tenant(std::string_view tenant) {
    json::object answer;
    if (tenant.empty()) {
        answer["deleted_jobs"] = jobs_.reset();
        answer["deleted_scenarios"] = scenarios_.remove_all_tenants();
        clocks_.clear();
        webhooks_.reset();
        faults_.reset();
    } else {
        answer["tenant"] = std::string{tenant};
        answer["deleted_jobs"] = jobs_.reset_tenant(tenant);
        answer["deleted_scenarios"] = scenarios_.remove_tenant(tenant);
        clocks_.forget(tenant);
        webhooks_.reset_tenant(tenant);
        faults_.reset_tenant(tenant);
    }
    if (on_reset_) {
        on_reset_(tenant);
    }
    return answer;
}

response admin_endpoints::file(const request& req, std::string_view rest) {
    // rest: "<public_id>/<provider>/<file name>"
    const auto first = rest.find('/');
    const auto second = first == std::string_view::npos ? first : rest.find('/', first + 1);
    if (second == std::string_view::npos) {
        throw api_error::not_found();
    }
    const auto id = jobs::job_id::parse(rest.substr(0, first));
    const auto provider = rest.substr(first + 1, second - first - 1);
    const auto filename = rest.substr(second + 1);
    const auto job = id ? jobs_.find(*id) : std::nullopt;
    if (!job) {
        throw api_error::not_found();
    }
    for (const auto& run : job->providers) {
        if (run.name != provider || run.status != jobs::provider_status::finished) {
            continue;
        }
        const std::string origin = request_origin(req);
        const auto result =
            generate_result(*job, run, result_context{registry_, seed_, origin}, false);
        // Only the file name the result links to is served.
        const std::string link = "/_emulator/files/" + std::string{rest};
        const bool linked =
            std::any_of(result.fields.begin(), result.fields.end(), [&](const auto& f) {
                return f.value().is_string() && f.value().get_string().ends_with(link);
            });
        const auto* media = result.fields.if_contains(result.media_field);
        std::string bytes;
        if (!linked || media == nullptr || !media->is_string() ||
            !fake::base64_decode(media->get_string(), bytes)) {
            break;
        }
        response res{http::status::ok, req.version()};
        res.set(http::field::content_type, content_type_for(filename));
        res.body() = std::move(bytes);
        res.prepare_payload();
        return res;
    }
    throw api_error::not_found();
}

response admin_endpoints::list_scenarios(const request& req, std::string_view) {
    const auto tenant = tenant_param(req);
    json::array listed;
    for (const auto& entry : tenant.empty() ? scenarios_.active() : scenarios_.active_for(tenant)) {
        listed.push_back(json::object{
            {"name", entry.plan->name},
            {"description", entry.plan->description},
            {"priority", entry.plan->priority},
            {"matches_every_launch", entry.plan->match.empty()},
            {"source", scenario::to_string(entry.source)},
            {"tenant", entry.tenant.empty() ? json::value() : json::value(entry.tenant)},
        });
    }
    const auto error = scenarios_.load_error();
    return json_response(
        http::status::ok,
        json::object{{"scenarios", std::move(listed)},
                     {"files", watcher_ ? json::value(watcher_->path().string()) : nullptr},
                     {"load_error", error.empty() ? json::value() : json::value(error)}},
        req.version());
}

response admin_endpoints::scenario_schema(const request& req, std::string_view) {
    response res{http::status::ok, req.version()};
    res.set(http::field::content_type, "application/schema+json");
    res.body() = std::string{scenario::scenario_schema_text()};
    res.prepare_payload();
    return res;
}

response admin_endpoints::reload_scenarios(const request& req, std::string_view) {
    if (watcher_ == nullptr) {
        throw api_error::conflict(
            "edenmock was started without --scenarios: there are no files to reload.");
    }
    const bool reloaded = watcher_->reload();
    const auto error = scenarios_.load_error();
    return json_response(
        http::status::ok,
        json::object{{"reloaded", reloaded},
                     {"load_error", error.empty() ? json::value() : json::value(error)}},
        req.version());
}

response admin_endpoints::put_scenario(const request& req, std::string_view name) {
    if (name.empty() || name.find('/') != std::string_view::npos) {
        throw api_error::not_found();
    }
    const auto tenant = tenant_param(req);
    const std::string origin = "PUT /_emulator/scenarios/" + std::string{name};
    scenario::scenario added;
    try {
        auto document = scenario::parse_scenario_json(req.body(), origin);
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
        field_errors errors;
        errors.add("scenario", error.what());
        throw api_error::invalid(errors);
    }
    scenarios_.put_runtime(std::move(added), tenant);
    return json_response(
        http::status::ok,
        json::object{{"name", name},
                     {"source", "runtime"},
                     {"tenant", tenant.empty() ? json::value() : json::value(tenant)}},
        req.version());
}

response admin_endpoints::delete_scenario(const request& req, std::string_view name) {
    const auto tenant = tenant_param(req);
    if (!scenarios_.remove_runtime(name, tenant)) {
        const std::string whose = tenant.empty() ? "" : " of tenant \"" + tenant + "\"";
        throw api_error{
            404,
            api_error::error_body("not_found",
                                  "No runtime scenario named \"" + std::string{name} + "\"" +
                                      whose + "; scenarios from files change with their files.")};
    }
    return empty_response(http::status::no_content, req.version());
}

response admin_endpoints::force_job(const request& req, std::string_view rest) {
    // rest: "<public_id>/force"
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos || rest.substr(slash) != "/force") {
        throw api_error::not_found();
    }
    const auto id = jobs::job_id::parse(rest.substr(0, slash));
    const auto job = id ? jobs_.find(*id) : std::nullopt;
    if (!job) {
        throw api_error::not_found();
    }
    const std::string origin = "POST /_emulator/jobs/" + std::string{rest};
    scenario::step forced;
    std::string provider;
    try {
        const auto body =
            scenario::parse_scenario_json(req.body().empty() ? "{}" : req.body(), origin);
        forced = scenario::parse_outcome(body, origin, "$", false);
        if (const auto* named = body.as_object().if_contains("provider")) {
            if (!named->is_string()) {
                throw scenario::load_error{origin + ": $.provider: expected a provider name"};
            }
            provider = std::string{named->get_string()};
        }
    } catch (const scenario::load_error& error) {
        field_errors errors;
        errors.add("force", error.what());
        throw api_error::invalid(errors);
    }
    const bool known =
        provider.empty() || std::any_of(job->providers.begin(),
                                        job->providers.end(),
                                        [&](const auto& run) { return run.name == provider; });
    if (!known) {
        field_errors errors;
        errors.add("provider", "The job has no provider \"" + provider + "\".");
        throw api_error::invalid(errors);
    }
    const auto after = jobs_.force(*id, provider, std::move(forced));
    if (!after) {
        throw api_error::not_found(); // deleted meanwhile
    }
    const std::string origin_url = request_origin(req);
    return json_response(
        http::status::ok,
        render_job(*after, render_options{}, result_context{registry_, seed_, origin_url}),
        req.version());
}

} // namespace emu::api
