#include "server/eden_v2/jobs_endpoints.hpp"

#include "server/eden_v2/fault_answers.hpp"
#include "server/eden_v2/launch_form.hpp"
#include "server/eden_v2/launch_validator.hpp"
#include "server/net/api_error.hpp"
#include "server/net/job_hints.hpp"
#include "server/net/query_flags.hpp"
#include "server/net/scenario_facts.hpp"
#include "server/wire/control_records.hpp"
#include "server/wire/job_envelope.hpp"

#include <boost/json/object.hpp>

namespace emu::eden_v2 {

namespace json = boost::json;
namespace http = net::http;
using net::api_error;
using net::field_errors;
using net::request;

namespace {

// What every call offers to scenario matching: its feature, tenant and headers.
scenario::launch_facts
call_facts(const request& req, const features::feature_spec& feature, std::string_view tenant) {
    auto facts = net::scenario_facts_of(req, features::api_version::v2, tenant);
    facts.feature = feature.path;
    return facts;
}

// The scenario a launch follows: the one its X-Edenmock-Scenario header names (400 when
// unknown), else the catalog's choice from the request.
std::shared_ptr<const scenario::scenario>
choose_scenario(const request& req,
                const features::feature_spec& feature,
                std::string_view tenant,
                const launch_form& form,
                const validated_launch& launch,
                const scenario::scenario_catalog& catalog) {
    const std::string_view named = req["X-Edenmock-Scenario"];
    if (!named.empty()) {
        auto plan = catalog.named(named, tenant);
        if (!plan) {
            field_errors errors;
            errors.add("X-Edenmock-Scenario", "Unknown scenario \"" + std::string{named} + "\".");
            throw api_error::invalid(errors);
        }
        return plan;
    }
    auto facts = call_facts(req, feature, tenant);
    for (const auto& provider : launch.providers) {
        facts.providers.push_back(provider.name);
    }
    if (launch.input->file) {
        facts.file_name = launch.input->file->name;
    }
    facts.field = net::field_lookup(form.fields);
    return catalog.select(facts);
}

} // namespace

jobs_endpoints::jobs_endpoints(jobs::job_service& jobs,
                               const scenario::scenario_catalog& scenarios,
                               engine::fault_injector& faults,
                               const fake::registry& registry,
                               wire::result_cache& results,
                               std::uint64_t seed)
    : jobs_(jobs)
    , scenarios_(scenarios)
    , registry_(registry)
    , results_(results)
    , faults_(faults)
    , seed_(seed) {}

std::shared_ptr<const scenario::scenario> jobs_endpoints::scenario_of_call(
    const request& req, const features::feature_spec& feature, std::string_view tenant) const {
    if (const std::string_view named = req["X-Edenmock-Scenario"]; !named.empty()) {
        if (auto plan = scenarios_.named(named, tenant)) {
            return plan;
        }
    }
    return scenarios_.select(call_facts(req, feature, tenant));
}

std::optional<scenario::fault_rule>
jobs_endpoints::feature_call_fault(const net::route_call& call,
                                   const features::feature_spec& feature,
                                   scenario::fault_call fault_call) {
    return faults_.decide(
        *scenario_of_call(call.req, feature, call.tenant), fault_call, call.tenant);
}

net::answer jobs_endpoints::launch(const net::route_call& call,
                                   const features::feature_spec& feature) {
    const auto& req = call.req;
    const auto tenant = call.tenant;
    const auto content_type = req[http::field::content_type];
    launch_form form;
    validated_launch launch;
    try {
        form = parse_launch_body(content_type, req.body());
        launch = validate_launch(feature, form);
    } catch (net::api_error& error) {
        throw error.with_hint(body_type_hint(content_type, req.body()));
    }
    auto plan = choose_scenario(req, feature, tenant, form, launch, scenarios_);
    const auto fault = faults_.decide(*plan, scenario::fault_call::launch, tenant);
    if (fault && fault->stops_call()) {
        return stopped_call(*fault,
                            req.version(),
                            net::error_dialect::eden_v2); // the launch does not happen: no job
    }
    const auto id =
        jobs_.launch(tenant, feature, launch.providers, std::move(launch.input), std::move(plan));
    auto result =
        delivered(net::json_response(
                      http::status::ok, json::object{{"public_id", id.to_string()}}, req.version()),
                  fault);
    result.facts.job_id = id.to_string();
    return result;
}

net::answer jobs_endpoints::get(const net::route_call& call,
                                const features::feature_spec& feature) {
    const auto& req = call.req;
    const auto tenant = call.tenant;
    const auto asked = call.params["public_id"];
    const auto not_found = [&] {
        return api_error::not_found().with_hint(
            net::job_miss_hint(jobs_, tenant, asked, feature, call.hints));
    };
    const auto id = jobs::job_id::parse(asked);
    if (!id) {
        throw not_found();
    }
    field_errors errors;
    const net::query_flags flags{net::target_query(req.target()), errors};
    wire::render_options options;
    options.response_as_dict = flags.get("response_as_dict");
    options.show_original_response = flags.get("show_original_response");
    options.show_base_64 = flags.get("show_base_64");
    if (!errors.empty()) {
        throw api_error::invalid(errors);
    }
    // The polled job's scenario is known only inside the store, so its faults are decided
    // there, before the GET counts; a job whose scenario has no faults costs one empty() check.
    std::optional<scenario::fault_rule> fault;
    const auto gate = [this, &fault, tenant](const scenario::scenario& plan) {
        fault = faults_.decide(plan, scenario::fault_call::get, tenant);
        return !fault || !fault->stops_call();
    };
    const auto job = jobs_.get(tenant, feature, *id, gate);
    if (fault && fault->stops_call()) {
        return stopped_call(*fault, req.version(), net::error_dialect::eden_v2);
    }
    if (!job) {
        throw not_found();
    }
    const std::string origin = net::request_origin(req);
    const wire::result_context context{registry_, seed_, origin};
    auto result =
        delivered(net::json_text_response(http::status::ok,
                                          wire::render_job_text(*job, options, context, results_),
                                          req.version()),
                  fault);
    result.facts.job_status = std::string{jobs::to_string(jobs::status_of(*job))};
    return result;
}

net::answer jobs_endpoints::list(const net::route_call& call,
                                 const features::feature_spec& feature) {
    const auto fault = feature_call_fault(call, feature, scenario::fault_call::list);
    if (fault && fault->stops_call()) {
        return stopped_call(*fault, call.req.version(), net::error_dialect::eden_v2);
    }
    return delivered(net::json_response(
                         http::status::ok,
                         json::object{{"jobs", json::value_from(jobs_.list(call.tenant, feature))}},
                         call.req.version()),
                     fault);
}

net::answer jobs_endpoints::remove_all(const net::route_call& call,
                                       const features::feature_spec& feature) {
    const auto fault = feature_call_fault(call, feature, scenario::fault_call::remove);
    if (fault && fault->stops_call()) {
        return stopped_call(
            *fault, call.req.version(), net::error_dialect::eden_v2); // nothing is deleted
    }
    jobs_.remove_all(call.tenant, feature);
    return delivered(net::empty_response(http::status::no_content, call.req.version()), fault);
}

} // namespace emu::eden_v2
