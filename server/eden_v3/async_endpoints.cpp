#include "server/eden_v3/async_endpoints.hpp"

#include "server/eden_v2/fault_answers.hpp"
#include "server/eden_v3/async_request.hpp"
#include "server/eden_v3/paging.hpp"
#include "server/net/job_hints.hpp"
#include "server/net/query_flags.hpp"
#include "server/net/scenario_facts.hpp"
#include "server/net/v3_errors.hpp"
#include "server/wire/v3_records.hpp"

#include <boost/json/array.hpp>

namespace emu::eden_v3 {

namespace json = boost::json;
namespace http = net::http;
using eden_v2::delivered;
using net::request;

namespace {

constexpr auto v3_jobs = jobs::job_scope::of_api(features::api_version::v3);

// What every v3 call offers to scenario matching: its tenant and headers.
scenario::launch_facts call_facts(const request& req, std::string_view tenant) {
    return net::scenario_facts_of(req, features::api_version::v3, tenant);
}

// The answer of a fault rule that stops its call, in v3's format.
net::answer stopped(const scenario::fault_rule& rule, unsigned version) {
    return eden_v2::stopped_call(rule, version, net::error_dialect::eden_v3);
}

// The job id of a path, or FastAPI's 422 for one that is not a UUID.
jobs::job_id job_id_of(const net::route_call& call) {
    const auto text = call.params["job_id"];
    if (const auto id = jobs::job_id::parse(text)) {
        return *id;
    }
    net::v3::request_errors errors;
    errors.add(json::array{"path", "job_id"},
               "uuid_parsing",
               "Input should be a valid UUID, invalid length or character",
               json::string{text});
    throw errors.to_error();
}

// 404 "Job not found", with the hint of where the job is.
net::api_error job_not_found(jobs::job_service& jobs, const net::route_call& call) {
    return net::v3::detail(404, "Job not found")
        .with_hint(
            net::job_miss_hint(jobs, call.tenant, call.params["job_id"], v3_jobs, call.hints));
}

} // namespace

async_endpoints::async_endpoints(jobs::job_service& jobs,
                                 uploads::upload_store& uploads,
                                 const features::v3_catalog& catalog,
                                 const scenario::scenario_catalog& scenarios,
                                 engine::fault_injector& faults,
                                 const fake::registry& registry,
                                 wire::result_cache& results,
                                 std::uint64_t seed)
    : jobs_(jobs)
    , uploads_(uploads)
    , catalog_(catalog)
    , scenarios_(scenarios)
    , faults_(faults)
    , registry_(registry)
    , results_(results)
    , seed_(seed) {}

std::optional<scenario::fault_rule> async_endpoints::call_fault(const net::route_call& call,
                                                                scenario::fault_call kind) const {
    std::shared_ptr<const scenario::scenario> plan;
    if (const std::string_view named = call.req["X-Edenmock-Scenario"]; !named.empty()) {
        plan = scenarios_.named(named, call.tenant);
    }
    if (!plan) {
        plan = scenarios_.select(call_facts(call.req, call.tenant));
    }
    return faults_.decide(*plan, kind, call.tenant);
}

net::answer async_endpoints::create(const net::route_call& call) const {
    const auto& req = call.req;
    auto launch = read_async_launch(req.body(), catalog_, uploads_, call.tenant);
    std::shared_ptr<const scenario::scenario> plan;
    if (const std::string_view named = req["X-Edenmock-Scenario"]; !named.empty()) {
        plan = scenarios_.named(named, call.tenant);
        if (!plan) {
            throw net::v3::described(400,
                                     "Unknown scenario",
                                     "X-Edenmock-Scenario names no scenario: \"" +
                                         std::string{named} + "\"");
        }
    } else {
        auto facts = call_facts(req, call.tenant);
        facts.feature = launch.spec->path;
        facts.model = launch.model;
        for (const auto& provider : launch.providers) {
            facts.providers.push_back(provider.name);
        }
        if (launch.input->file) {
            facts.file_name = launch.input->file->name;
        }
        facts.field = net::field_lookup(launch.fields);
        plan = scenarios_.select(facts);
    }
    const auto fault = faults_.decide(*plan, scenario::fault_call::launch, call.tenant);
    if (fault && fault->stops_call()) {
        return stopped(*fault, req.version());
    }
    const auto id = jobs_.launch(
        call.tenant, *launch.spec, launch.providers, std::move(launch.input), std::move(plan));
    // The job as a GET would show it now, without counting a poll.
    const auto shown = jobs_.peek(call.tenant, v3_jobs, id);
    const std::string origin = net::request_origin(req);
    auto result = delivered(
        net::json_response(http::status::accepted,
                           wire::render_v3_job(*shown, catalog_, {registry_, seed_, origin}),
                           req.version()),
        fault);
    result.facts.job_id = id.to_string();
    result.facts.feature = std::string{shown->feature->path};
    return result;
}

net::answer async_endpoints::get(const net::route_call& call) const {
    const auto& req = call.req;
    const auto id = job_id_of(call);
    std::optional<scenario::fault_rule> fault;
    const auto gate = [this, &fault, &call](const scenario::scenario& plan) {
        fault = faults_.decide(plan, scenario::fault_call::get, call.tenant);
        return !fault || !fault->stops_call();
    };
    const auto job = jobs_.get(call.tenant, v3_jobs, id, gate);
    if (fault && fault->stops_call()) {
        return stopped(*fault, req.version());
    }
    if (!job) {
        throw job_not_found(jobs_, call);
    }
    const std::string origin = net::request_origin(req);
    auto result =
        delivered(net::json_text_response(http::status::ok,
                                          wire::render_v3_job_text(
                                              *job, catalog_, {registry_, seed_, origin}, results_),
                                          req.version()),
                  fault);
    result.facts.job_status = std::string{jobs::v3_job_status_names(jobs::status_of(*job))};
    result.facts.job_id = job->id.to_string();
    result.facts.feature = std::string{job->feature->path};
    return result;
}

net::answer async_endpoints::list(const net::route_call& call) const {
    const auto& req = call.req;
    net::v3::request_errors errors;
    net::field_errors unused; // text() reports nothing
    const net::query_flags query{net::target_query(req.target()), unused};
    const auto paging = read_paging(query, errors);
    const auto feature = query.text("feature");
    const auto subfeature = query.text("subfeature");
    const auto status = query.text("status");
    if (!errors.empty()) {
        throw errors.to_error();
    }
    const auto fault = call_fault(call, scenario::fault_call::list);
    if (fault && fault->stops_call()) {
        return stopped(*fault, req.version());
    }
    json::array items;
    for (const auto& job : jobs_.snapshots(call.tenant, v3_jobs)) {
        auto item = wire::render_v3_job_item(job);
        if ((feature && item.at("feature").as_string() != *feature) ||
            (subfeature && item.at("subfeature").as_string() != *subfeature) ||
            (status && item.at("status").as_string() != *status)) {
            continue;
        }
        items.push_back(std::move(item));
    }
    return delivered(
        net::json_response(http::status::ok, page_of(std::move(items), paging), req.version()),
        fault);
}

net::answer async_endpoints::remove(const net::route_call& call) const {
    const auto& req = call.req;
    const auto id = job_id_of(call);
    const auto fault = call_fault(call, scenario::fault_call::remove);
    if (fault && fault->stops_call()) {
        return stopped(*fault, req.version());
    }
    switch (jobs_.remove(call.tenant, v3_jobs, id)) {
    case jobs::removal::not_found:
        throw job_not_found(jobs_, call);
    case jobs::removal::processing:
        throw net::v3::detail(409,
                              "Job is still processing and cannot be deleted: its provider "
                              "job must finish first");
    case jobs::removal::removed:
        break;
    }
    auto result =
        delivered(net::json_response(http::status::ok,
                                     json::object{{"public_id", id.to_string()}, {"deleted", true}},
                                     req.version()),
                  fault);
    result.facts.job_id = id.to_string();
    return result;
}

} // namespace emu::eden_v3
