#include "server/wire/snapshot_jobs.hpp"

#include "server/features/feature_table.hpp"
#include "server/features/v3_catalog.hpp"
#include "server/jobs/faker_provider.hpp"
#include "server/scenario/scenario_loader.hpp"
#include "server/support/iso_time.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace emu::wire {

namespace json = boost::json;

namespace {

using engine::scenario_ptr;
using jobs::job;
using jobs::provider_run;
using scheduling::instant;

template <typename T>
json::value optional_number(const std::optional<T>& number) {
    return number ? json::value(*number) : json::value(nullptr);
}

json::object file_document(const fake::input_file& file) {
    return json::object{{"name", file.name},
                        {"content_type", file.content_type},
                        {"size", file.size},
                        {"from_url", file.from_url},
                        {"duration_ms", optional_number(file.duration_ms)},
                        {"sample_rate", optional_number(file.sample_rate)},
                        {"channels", optional_number(file.channels)},
                        {"page_count", optional_number(file.page_count)},
                        {"width", optional_number(file.width)},
                        {"height", optional_number(file.height)}};
}

json::object input_document(const jobs::job_input& input) {
    json::array params;
    for (const auto& [name, value] : input.params.entries()) {
        params.push_back(json::array{json::value(name), json::value(value)});
    }
    return json::object{
        {"params", std::move(params)},
        {"file", input.file ? json::value(file_document(*input.file)) : json::value(nullptr)},
        {"show_original_response", input.show_original_response},
        {"show_base_64", input.show_base_64},
        {"webhook_receiver", input.webhook_receiver},
        {"users_webhook_parameters", input.users_webhook_parameters},
        {"send_webhook_data", input.send_webhook_data}};
}

// Which step a provider shows: "timeline:N" (step N of its timeline), "job_failure",
// "forced:N", "faker_failure", or null.
json::value shown_reference(const job& j, const provider_run& run) {
    if (run.step == nullptr) {
        return nullptr;
    }
    const auto& steps = j.plan->steps_for(run.name);
    for (std::size_t index = 0; index < steps.size(); ++index) {
        if (run.step == &steps[index]) {
            return json::value("timeline:" + std::to_string(index));
        }
    }
    if (j.plan->job_failure && run.step == &j.plan->job_failure->shown) {
        return json::value("job_failure");
    }
    for (std::size_t index = 0; index < j.forced.size(); ++index) {
        if (run.step == j.forced[index].get()) {
            return json::value("forced:" + std::to_string(index));
        }
    }
    return json::value("faker_failure");
}

fake::input_file read_file(const json_reader& in) {
    fake::input_file file;
    file.name = in["name"].text();
    file.content_type = in["content_type"].text();
    file.size = in["size"].whole();
    file.from_url = in["from_url"].flag();
    file.duration_ms = json_reader::optional_whole<std::uint32_t>(in.maybe("duration_ms"));
    file.sample_rate = json_reader::optional_whole<std::uint32_t>(in.maybe("sample_rate"));
    file.channels = json_reader::optional_whole<std::uint16_t>(in.maybe("channels"));
    file.page_count = json_reader::optional_whole<std::uint32_t>(in.maybe("page_count"));
    file.width = json_reader::optional_whole<std::uint32_t>(in.maybe("width"));
    file.height = json_reader::optional_whole<std::uint32_t>(in.maybe("height"));
    return file;
}

std::shared_ptr<const jobs::job_input> read_input(const json_reader& in) {
    auto input = std::make_shared<jobs::job_input>();
    const auto params = in["params"];
    for (std::size_t index = 0; index < params.array().size(); ++index) {
        const auto pair = params.item(index);
        if (pair.array().size() != 2) {
            pair.fail("expected [name, value]");
        }
        input->params.set(pair.item(0).text(), pair.item(1).text());
    }
    if (const auto file = in.maybe("file")) {
        input->file = read_file(*file);
    }
    input->show_original_response = in["show_original_response"].flag();
    input->show_base_64 = in["show_base_64"].flag();
    input->webhook_receiver = in["webhook_receiver"].text();
    input->users_webhook_parameters = in["users_webhook_parameters"].text();
    input->send_webhook_data = in["send_webhook_data"].flag();
    return input;
}

const features::feature_spec& read_feature(const json_reader& in) {
    const auto api = in["api"];
    const auto parsed = features::api_version_names.parse(api.text());
    if (!parsed) {
        api.fail("expected " + features::api_version_names.choices("\""));
    }
    const auto feature = in["feature"];
    const auto path = feature.text();
    if (*parsed == features::api_version::v2) {
        if (const auto* found = features::find_feature(path)) {
            return *found;
        }
        feature.fail("not a v2 async feature of this edenmock");
    }
    for (const auto& spec : features::v3_catalog::shipped().async_specs()) {
        if (spec.path == path) {
            return spec;
        }
    }
    feature.fail("not a v3 async subfeature of this edenmock");
}

// The shown step a reference names (see shown_reference), or nullptr for null.
const scenario::step* read_shown(const json_reader& in, const job& j, const provider_run& run) {
    const auto reference = in.text();
    const auto index_after = [&](std::string_view prefix) -> std::optional<std::size_t> {
        if (!reference.starts_with(prefix)) {
            return std::nullopt;
        }
        const auto digits = std::string_view{reference}.substr(prefix.size());
        if (digits.empty() || digits.size() > 5 ||
            !std::all_of(
                digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            in.fail("expected \"" + std::string{prefix} + "N\"");
        }
        return std::stoul(std::string{digits});
    };
    if (const auto index = index_after("timeline:")) {
        const auto& steps = j.plan->steps_for(run.name);
        if (*index >= steps.size()) {
            in.fail("the scenario's timeline for " + std::string{run.name} + " has " +
                    std::to_string(steps.size()) + " steps");
        }
        return &steps[*index];
    }
    if (const auto index = index_after("forced:")) {
        if (*index >= j.forced.size()) {
            in.fail("the job has " + std::to_string(j.forced.size()) + " forced steps");
        }
        return j.forced[*index].get();
    }
    if (reference == "job_failure") {
        if (!j.plan->job_failure) {
            in.fail("the job's scenario has no job_failure");
        }
        return &j.plan->job_failure->shown;
    }
    if (reference == "faker_failure") {
        return &jobs::faker_failure();
    }
    in.fail("expected \"timeline:N\", \"forced:N\", \"job_failure\", \"faker_failure\" or null");
}

provider_run read_provider(const json_reader& in, const job& j) {
    provider_run run;
    const auto name = in["name"];
    const auto given = name.text();
    const auto known = std::find(j.feature->providers.begin(), j.feature->providers.end(), given);
    if (known == j.feature->providers.end()) {
        name.fail("not a provider of " + std::string{j.feature->path});
    }
    run.name = *known;
    run.model = in["model"].text();
    const auto sub_id = in["sub_id"];
    const auto parsed = jobs::job_id::parse(sub_id.text());
    if (!parsed) {
        sub_id.fail("expected a UUID");
    }
    run.sub_id = *parsed;
    const auto status = in["status"];
    const auto named = scenario::provider_status_names.parse(status.text());
    if (!named) {
        status.fail("expected " + scenario::provider_status_names.choices("\""));
    }
    run.status = *named;
    run.next_step = in["next_step"].whole<std::uint16_t>();
    run.polls_at_step = in["polls_at_step"].whole<std::uint32_t>();
    run.step_at = in["step_at"].time();
    run.poll_driven = in["poll_driven"].flag();
    run.faker = jobs::faker_mode_for(run.model);
    if (const auto shown = in.maybe("shown")) {
        run.step = read_shown(*shown, j, run);
    }
    return run;
}

} // namespace

json::value time_value(scheduling::instant at) {
    return json::value(support::format_utc(at));
}

json::value optional_time(const std::optional<scheduling::instant>& at) {
    return at ? time_value(*at) : json::value(nullptr);
}

const std::string& plan_keys::key_of(const engine::scenario_ptr& plan) {
    if (const auto found = keys_.find(plan.get()); found != keys_.end()) {
        return found->second;
    }
    auto key = plan->name;
    for (int copy = 2; documents_.contains(key); ++copy) {
        key = plan->name + "#" + std::to_string(copy);
    }
    documents_.emplace(key, plan->source);
    return keys_.emplace(plan.get(), key).first->second;
}

json::object plan_keys::take_documents() {
    json::object result;
    for (auto& [key, document] : documents_) {
        result[key] = std::move(document);
    }
    return result;
}

json::object job_document(const jobs::job& j, plan_keys& plans) {
    json::array providers;
    for (const auto& run : j.providers) {
        providers.push_back(json::object{{"name", run.name},
                                         {"model", run.model},
                                         {"sub_id", run.sub_id.to_string()},
                                         {"status", to_string(run.status)},
                                         {"next_step", run.next_step},
                                         {"polls_at_step", run.polls_at_step},
                                         {"step_at", time_value(run.step_at)},
                                         {"poll_driven", run.poll_driven},
                                         {"shown", shown_reference(j, run)}});
    }
    json::array forced;
    for (const auto& step : j.forced) {
        forced.push_back(scenario::outcome_document(*step));
    }
    return json::object{{"id", j.id.to_string()},
                        {"api", features::api_version_names(j.feature->api)},
                        {"feature", j.feature->path},
                        {"created_at", time_value(j.created_at)},
                        {"scenario", plans.key_of(j.plan)},
                        {"input", input_document(*j.input)},
                        {"providers", std::move(providers)},
                        {"forced", std::move(forced)},
                        {"polls", j.polls},
                        {"failed_as_job", j.failed_as_job},
                        {"ended_at", optional_time(j.ended_at)},
                        {"end_visible_at", optional_time(j.end_visible_at)},
                        {"observed",
                         json::object{{"status", jobs::to_string(j.observed.status)},
                                      {"succeeded", j.observed.succeeded},
                                      {"failed_as_job", j.observed.failed_as_job}}}};
}

json::object upload_document(const uploads::upload& file) {
    return json::object{{"id", file.id},
                        {"file", file_document(file.file)},
                        {"mimetype", file.mimetype},
                        {"purpose", file.purpose},
                        {"created_at", time_value(file.created_at)},
                        {"expires_at", time_value(file.expires_at)},
                        {"seq", file.seq}};
}

json::array scenario_documents(const std::vector<engine::scenario_ptr>& list) {
    json::array documents;
    for (const auto& plan : list) {
        documents.push_back(plan->source);
    }
    return documents;
}

engine::scenario_ptr read_scenario(const json_reader& in) {
    try {
        return std::make_shared<const scenario::scenario>(
            scenario::scenario_from_json(in.value(), "scenario"));
    } catch (const scenario::load_error& error) {
        in.fail(error.what());
    }
}

std::vector<engine::scenario_ptr> read_scenarios(const json_reader& in) {
    std::vector<scenario_ptr> list;
    for (std::size_t index = 0; index < in.array().size(); ++index) {
        list.push_back(read_scenario(in.item(index)));
    }
    return list;
}

jobs::job read_job(const json_reader& in, const plan_map& plans) {
    job j;
    const auto id = in["id"];
    const auto parsed = jobs::job_id::parse(id.text());
    if (!parsed) {
        id.fail("expected a UUID");
    }
    j.id = *parsed;
    j.feature = &read_feature(in);
    j.created_at = in["created_at"].time();
    const auto plan = in["scenario"];
    const auto found = plans.find(plan.text());
    if (found == plans.end()) {
        plan.fail("not a key of $.plans");
    }
    j.plan = found->second;
    j.input = read_input(in["input"]);
    const auto forced = in["forced"];
    for (std::size_t index = 0; index < forced.array().size(); ++index) {
        const auto item = forced.item(index);
        try {
            j.forced.push_back(std::make_shared<const scenario::step>(
                scenario::parse_outcome(item.value(), "forced step", "$", false)));
        } catch (const scenario::load_error& error) {
            item.fail(error.what());
        }
    }
    const auto providers = in["providers"];
    if (providers.array().empty()) {
        providers.fail("expected at least one provider");
    }
    for (std::size_t index = 0; index < providers.array().size(); ++index) {
        j.providers.push_back(read_provider(providers.item(index), j));
    }
    j.polls = in["polls"].whole<std::uint32_t>();
    j.failed_as_job = in["failed_as_job"].flag();
    if (const auto at = in.maybe("ended_at")) {
        j.ended_at = at->time();
    }
    if (const auto at = in.maybe("end_visible_at")) {
        j.end_visible_at = at->time();
    }
    const auto observed = in["observed"];
    const auto status = observed["status"];
    const auto named = jobs::job_status_names.parse(status.text());
    if (!named) {
        status.fail("expected " + jobs::job_status_names.choices("\""));
    }
    j.observed.status = *named;
    j.observed.succeeded = observed["succeeded"].whole<std::size_t>();
    j.observed.failed_as_job = observed["failed_as_job"].flag();
    return j;
}

uploads::upload read_upload(const json_reader& in) {
    uploads::upload file;
    file.id = in["id"].text();
    file.file = read_file(in["file"]);
    file.mimetype = in["mimetype"].text();
    file.purpose = in["purpose"].text();
    file.created_at = in["created_at"].time();
    file.expires_at = in["expires_at"].time();
    file.seq = in["seq"].whole();
    return file;
}

} // namespace emu::wire
