#include "server/wire/snapshot_jobs.hpp"

#include "server/features/feature_table.hpp"
#include "server/features/v3_catalog.hpp"
#include "server/jobs/faker_provider.hpp"
#include "server/scenario/scenario_loader.hpp"
#include "server/support/iso_time.hpp"
#include "server/wire/json_writer.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>

namespace emu::wire {

namespace json = boost::json;

namespace {

using engine::scenario_ptr;
using jobs::job;
using jobs::provider_run;
using scheduling::instant;

void write_file(json_text::writer& out, const fake::input_file& file) {
    out.open_object();
    out.key("name").text(file.name).key("content_type").text(file.content_type);
    out.key("size").number(file.size).key("from_url").boolean(file.from_url);
    out.key("duration_ms").number_or_null(file.duration_ms);
    out.key("sample_rate").number_or_null(file.sample_rate);
    out.key("channels").number_or_null(file.channels);
    out.key("page_count").number_or_null(file.page_count);
    out.key("width").number_or_null(file.width);
    out.key("height").number_or_null(file.height);
    out.close_object();
}

void write_input(json_text::writer& out, const jobs::job_input& input) {
    out.open_object().key("params").open_array();
    for (const auto& [name, value] : input.params.entries()) {
        out.open_array().text(name).text(value).close_array();
    }
    out.close_array().key("file");
    if (input.file) {
        write_file(out, *input.file);
    } else {
        out.null();
    }
    out.key("show_original_response").boolean(input.show_original_response);
    out.key("show_base_64").boolean(input.show_base_64);
    out.key("webhook_receiver").text(input.webhook_receiver);
    out.key("users_webhook_parameters").text(input.users_webhook_parameters);
    out.key("send_webhook_data").boolean(input.send_webhook_data);
    out.close_object();
}

// Which step a provider shows: "timeline:N" (step N of its timeline), "job_failure",
// "forced:N", "faker_failure", or null.
void write_shown(json_text::writer& out, const job& j, const provider_run& run) {
    if (run.step == nullptr) {
        out.null();
        return;
    }
    const auto& steps = j.plan->steps_for(run.name);
    for (std::size_t index = 0; index < steps.size(); ++index) {
        if (run.step == &steps[index]) {
            out.text("timeline:" + std::to_string(index));
            return;
        }
    }
    if (j.plan->job_failure && run.step == &j.plan->job_failure->shown) {
        out.text("job_failure");
        return;
    }
    for (std::size_t index = 0; index < j.forced.size(); ++index) {
        if (run.step == j.forced[index].get()) {
            out.text("forced:" + std::to_string(index));
            return;
        }
    }
    out.text("faker_failure");
}

void write_time(json_text::writer& out, const std::optional<instant>& at) {
    if (at) {
        out.text(support::format_utc(*at));
    } else {
        out.null();
    }
}

// The document a writer writes (for the snapshot's document, built from the same text).
template <typename Write>
json::object document_of(Write write) {
    std::string text;
    json_text::writer out{text};
    write(out);
    return json::parse(text).as_object();
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
    for (auto& [name, value] : in["params"].text_pairs()) {
        input->params.set(std::move(name), std::move(value));
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
    const auto api = in["api"].name(features::api_version_names);
    const auto feature = in["feature"];
    const auto path = feature.text();
    if (api == features::api_version::v2) {
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
    run.status = in["status"].name(scenario::provider_status_names);
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
    for (int copy = 2; scenarios_.contains(key); ++copy) {
        key = plan->name + "#" + std::to_string(copy);
    }
    scenarios_.emplace(key, plan);
    return keys_.emplace(plan.get(), key).first->second;
}

json::object plan_keys::documents() const {
    json::object result;
    for (const auto& [key, plan] : scenarios_) {
        result[key] = plan->source;
    }
    return result;
}

void plan_keys::write_documents(json_text::writer& out) const {
    out.open_object();
    for (const auto& [key, plan] : scenarios_) {
        out.key(key).value(plan->source);
    }
    out.close_object();
}

void write_job(json_text::writer& out, const jobs::job& j, plan_keys& plans) {
    out.open_object().key("id").text(j.id.to_string());
    out.key("api").text(features::api_version_names(j.feature->api));
    out.key("feature").text(j.feature->path);
    out.key("created_at").text(support::format_utc(j.created_at));
    out.key("scenario").text(plans.key_of(j.plan));
    out.key("input");
    write_input(out, *j.input);
    out.key("providers").open_array();
    for (const auto& run : j.providers) {
        out.open_object().key("name").text(run.name).key("model").text(run.model);
        out.key("sub_id").text(run.sub_id.to_string());
        out.key("status").text(to_string(run.status));
        out.key("next_step").number(run.next_step).key("polls_at_step").number(run.polls_at_step);
        out.key("step_at").text(support::format_utc(run.step_at));
        out.key("poll_driven").boolean(run.poll_driven).key("shown");
        write_shown(out, j, run);
        out.close_object();
    }
    out.close_array().key("forced").open_array();
    for (const auto& step : j.forced) {
        out.value(scenario::outcome_document(*step));
    }
    out.close_array().key("polls").number(j.polls).key("failed_as_job").boolean(j.failed_as_job);
    out.key("ended_at");
    write_time(out, j.ended_at);
    out.key("end_visible_at");
    write_time(out, j.end_visible_at);
    out.key("observed").open_object().key("status").text(jobs::to_string(j.observed.status));
    out.key("succeeded").number(j.observed.succeeded);
    out.key("failed_as_job").boolean(j.observed.failed_as_job).close_object();
    out.close_object();
}

json::object job_document(const jobs::job& j, plan_keys& plans) {
    return document_of([&](json_text::writer& out) { write_job(out, j, plans); });
}

json::object upload_document(const uploads::upload& file) {
    return document_of([&](json_text::writer& out) {
        out.open_object().key("id").text(file.id).key("file");
        write_file(out, file.file);
        out.key("mimetype").text(file.mimetype).key("purpose").text(file.purpose);
        out.key("created_at").text(support::format_utc(file.created_at));
        out.key("expires_at").text(support::format_utc(file.expires_at));
        out.key("seq").number(file.seq).close_object();
    });
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
    j.observed.status = observed["status"].name(jobs::job_status_names);
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
