#include "server/control/job_endpoints.hpp"

#include "fake_providers/deterministic.hpp"
#include "server/control/control_query.hpp"
#include "server/control/not_found.hpp"
#include "server/net/api_error.hpp"
#include "server/scenario/scenario_loader.hpp"
#include "server/support/iso_time.hpp"
#include "server/support/near_words.hpp"
#include "server/support/text.hpp"
#include "server/wire/job_envelope.hpp"
#include "server/wire/nullable.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <string_view>
#include <vector>

namespace emu::control {
namespace {

namespace json = boost::json;
namespace http = net::http;
using net::api_error;

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

job_endpoints::job_endpoints(jobs::job_service& jobs,
                             const observability::request_journal& journal,
                             const fake::registry& registry,
                             std::uint64_t seed)
    : jobs_(jobs)
    , journal_(journal)
    , registry_(registry)
    , seed_(seed) {}

net::answer job_endpoints::force(const net::route_call& call) const {
    const auto id = jobs::job_id::parse(call.params["public_id"]);
    // ?tenant= picks one copy of a job a snapshot forked into several tenants.
    const auto tenant = control_query::tenant_only(call.req);
    const auto job = id ? jobs_.find(*id, tenant) : std::nullopt;
    if (!job) {
        throw unknown_job(call.params["public_id"]);
    }
    const std::string origin =
        "POST /_emulator/jobs/" + std::string{call.params["public_id"]} + "/force";
    scenario::step forced;
    std::string provider;
    try {
        const auto body =
            scenario::parse_scenario_json(call.req.body().empty() ? "{}" : call.req.body(), origin);
        forced = scenario::parse_outcome(body, origin, "$", false);
        if (const auto* named = body.as_object().if_contains("provider")) {
            if (!named->is_string()) {
                throw scenario::load_error{origin + ": $.provider: expected a provider name"};
            }
            provider = std::string{named->get_string()};
        }
    } catch (const scenario::load_error& error) {
        net::field_errors errors;
        errors.add("force", error.what());
        throw api_error::invalid(errors);
    }
    std::vector<std::string_view> names;
    for (const auto& run : job->providers) {
        names.push_back(run.name);
    }
    if (!provider.empty() && std::find(names.begin(), names.end(), provider) == names.end()) {
        std::string message = "The job has no provider \"" + provider + "\"" +
                              support::did_you_mean(provider, names, ".");
        const std::vector<std::string> listed(names.begin(), names.end());
        message += " Its providers: " + support::spoken_list(listed, " and ", "\"") + ".";
        net::field_errors errors;
        errors.add("provider", std::move(message));
        throw api_error::invalid(errors);
    }
    const auto after = jobs_.force(*id, tenant, provider, std::move(forced));
    if (!after) {
        throw unknown_job(call.params["public_id"]); // deleted meanwhile
    }
    const std::string origin_url = net::request_origin(call.req);
    return net::json_response(http::status::ok,
                              wire::render_job(*after,
                                               wire::render_options{},
                                               wire::result_context{registry_, seed_, origin_url}),
                              call.req.version());
}

net::answer job_endpoints::polls(const net::route_call& call) const {
    const auto job_id = call.params["public_id"];
    observability::request_filter filter;
    filter.job_id = std::string{job_id};
    const auto records = journal_.select(filter);
    if (records.empty()) {
        throw not_found("No request about job \"" + std::string{job_id} +
                        "\" is in the request journal: it was never launched or polled, or its "
                        "records were dropped (--request-journal-size) or reset.");
    }
    json::array listed;
    const observability::request_record* previous = nullptr;
    for (const auto& record : records) {
        if (record.kind != observability::route_kind::get) {
            continue;
        }
        json::value interval;
        if (previous != nullptr) {
            interval = static_cast<double>((record.at - previous->at).count()) / 1000.0;
        }
        listed.push_back(json::object{
            {"seq", record.seq},
            {"at", support::format_utc(record.at)},
            {"status", wire::text_or_null(record.job_status)},
            {"http", record.status},
            {"interval_ms", interval},
        });
        previous = &record;
    }
    const auto count = listed.size();
    return net::json_response(
        http::status::ok,
        json::object{{"job", job_id}, {"polls", std::move(listed)}, {"count", count}},
        call.req.version());
}

net::answer job_endpoints::file(const net::route_call& call) const {
    const auto id = jobs::job_id::parse(call.params["public_id"]);
    const auto provider = call.params["provider"];
    const auto filename = call.params["file"];
    const auto job = id ? jobs_.find(*id) : std::nullopt;
    if (!job) {
        throw unknown_job(call.params["public_id"]);
    }
    for (const auto& run : job->providers) {
        if (run.name != provider || run.status != jobs::provider_status::finished) {
            continue;
        }
        const std::string origin = net::request_origin(call.req);
        const auto result =
            wire::generate_result(*job, run, wire::result_context{registry_, seed_, origin}, false);
        // Only the file name the result links to is served.
        const std::string link = "/_emulator/files/" + std::string{call.params["public_id"]} + "/" +
                                 std::string{provider} + "/" + std::string{filename};
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
        net::response res{http::status::ok, call.req.version()};
        res.set(http::field::content_type, content_type_for(filename));
        res.body() = std::move(bytes);
        res.prepare_payload();
        return res;
    }
    throw not_found("No finished provider \"" + std::string{provider} +
                    "\" of this job links to \"" + std::string{filename} +
                    "\": file URLs come from a finished result.");
}

} // namespace emu::control
