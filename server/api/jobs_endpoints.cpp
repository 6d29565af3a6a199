#include "server/api/jobs_endpoints.hpp"

#include "server/api/launch_form.hpp"
#include "server/api/launch_validator.hpp"
#include "server/api/query_flags.hpp"
#include "server/api/result_renderer.hpp"
#include "server/json/json_writer.hpp"
#include "server/scheduling/iso_time.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace emu::api {

namespace json = boost::json;

std::string request_origin(const request& req) {
    const std::string_view host = req[http::field::host];
    return "http://" + std::string{host.empty() ? std::string_view{"localhost"} : host};
}

namespace {

// What every call offers to scenario matching: its feature, tenant and headers.
scenario::launch_facts
call_facts(const request& req, const features::feature_spec& feature, std::string_view tenant) {
    scenario::launch_facts facts;
    facts.feature = feature.path;
    facts.tenant = tenant;
    facts.header = [&req](std::string_view name) -> std::optional<std::string> {
        const auto found = req.find(name);
        return found == req.end() ? std::nullopt : std::optional<std::string>{found->value()};
    };
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
    facts.field = [&form](std::string_view name) -> std::optional<std::string> {
        const auto* value = form.fields.if_contains(name);
        if (value == nullptr) {
            return std::nullopt;
        }
        return value->is_string() ? std::string{value->get_string()} : json_text::compact(*value);
    };
    return catalog.select(facts);
}

} // namespace

jobs_endpoints::jobs_endpoints(jobs::job_service& jobs,
                               const scenario::scenario_catalog& scenarios,
                               fault_injector& faults,
                               const fake::registry& registry,
                               std::uint64_t seed)
    : jobs_(jobs)
    , scenarios_(scenarios)
    , registry_(registry)
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
jobs_endpoints::feature_call_fault(const request& req,
                                   const features::feature_spec& feature,
                                   std::string_view tenant,
                                   scenario::fault_call call) {
    return faults_.decide(*scenario_of_call(req, feature, tenant), call, tenant);
}

answer jobs_endpoints::launch(const request& req,
                              const features::feature_spec& feature,
                              std::string_view tenant) {
    const auto form = parse_launch_body(req[http::field::content_type], req.body());
    auto launch = validate_launch(feature, form);
    auto plan = choose_scenario(req, feature, tenant, form, launch, scenarios_);
    const auto fault = faults_.decide(*plan, scenario::fault_call::launch, tenant);
    if (fault && fault->stops_call()) {
        return stopped_call(*fault, req.version()); // the launch does not happen: no job
    }
    const auto id =
        jobs_.launch(tenant, feature, launch.providers, std::move(launch.input), std::move(plan));
    return delivered(
        json_response(http::status::ok, json::object{{"public_id", id.to_string()}}, req.version()),
        fault);
}

answer jobs_endpoints::get(const request& req,
                           const features::feature_spec& feature,
                           std::string_view tenant,
                           std::string_view public_id) {
    const auto id = jobs::job_id::parse(public_id);
    if (!id) {
        throw api_error::not_found();
    }
    field_errors errors;
    const query_flags flags{target_query(req.target()), errors};
    render_options options;
    const auto as_dict = flags.get("response_as_dict");
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
        return stopped_call(*fault, req.version());
    }
    if (!job) {
        throw api_error::not_found();
    }
    // Text-to-speech also takes response_as_dict at launch; the query wins when given.
    options.response_as_dict =
        as_dict.value_or(job->input->params.get_bool("response_as_dict").value_or(true));
    const std::string origin = request_origin(req);
    const result_context context{registry_, seed_, origin};
    return delivered(
        json_response(http::status::ok, render_job(*job, options, context), req.version()), fault);
}

answer jobs_endpoints::list(const request& req,
                            const features::feature_spec& feature,
                            std::string_view tenant) {
    const auto fault = feature_call_fault(req, feature, tenant, scenario::fault_call::list);
    if (fault && fault->stops_call()) {
        return stopped_call(*fault, req.version());
    }
    json::array rows;
    for (const auto& summary : jobs_.list(tenant, feature)) {
        // Eden prints the provider list as a Python list repr: "['amazon', 'google']".
        std::string providers = "[";
        for (const auto name : summary.providers) {
            providers += (providers.size() > 1 ? ", '" : "'") + std::string{name} + "'";
        }
        providers += "]";
        rows.push_back(json::object{
            {"providers", providers},
            {"nb", summary.providers.size()},
            {"nb_ok", summary.succeeded},
            {"public_id", summary.id.to_string()},
            {"state", summary.state},
            {"created_at", scheduling::format_naive(summary.created_at)},
        });
    }
    return delivered(
        json_response(http::status::ok, json::object{{"jobs", std::move(rows)}}, req.version()),
        fault);
}

answer jobs_endpoints::remove_all(const request& req,
                                  const features::feature_spec& feature,
                                  std::string_view tenant) {
    const auto fault = feature_call_fault(req, feature, tenant, scenario::fault_call::remove);
    if (fault && fault->stops_call()) {
        return stopped_call(*fault, req.version()); // nothing is deleted
    }
    jobs_.remove_all(tenant, feature);
    return delivered(empty_response(http::status::no_content, req.version()), fault);
}

} // namespace emu::api
