#include "server/wire/snapshot_document.hpp"

#include "server/features/feature_table.hpp"
#include "server/features/v3_catalog.hpp"
#include "server/jobs/faker_provider.hpp"
#include "server/scenario/scenario_loader.hpp"
#include "server/support/iso_time.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <limits>
#include <map>

namespace emu::wire {
namespace {

namespace json = boost::json;
using engine::emulator_state;
using engine::scenario_ptr;
using engine::tenant_state;
using jobs::job;
using jobs::provider_run;
using scheduling::instant;

json::value time_value(instant at) {
    return json::value(support::format_utc(at));
}

json::value optional_time(const std::optional<instant>& at) {
    return at ? time_value(*at) : json::value(nullptr);
}

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

// The scenarios jobs follow, each once, under a key: its name, with "#2", "#3"... for other
// scenarios of the same name (one replaced while its jobs ran).
class plan_keys {
public:
    const std::string& key_of(const scenario_ptr& plan) {
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

    json::object documents() const {
        json::object result;
        for (const auto& [key, document] : documents_) {
            result[key] = document;
        }
        return result;
    }

private:
    std::map<const scenario::scenario*, std::string> keys_;
    std::map<std::string, json::value> documents_;
};

json::object job_document(const job& j, plan_keys& plans) {
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

json::array scenario_documents(const std::vector<scenario_ptr>& list) {
    json::array documents;
    for (const auto& plan : list) {
        documents.push_back(plan->source);
    }
    return documents;
}

json::object tenant_document(const tenant_state& part, plan_keys& plans) {
    json::array jobs;
    for (const auto& j : part.jobs.jobs) {
        jobs.push_back(job_document(j, plans));
    }
    json::array files;
    for (const auto& file : part.uploads) {
        files.push_back(upload_document(file));
    }
    json::object faults;
    for (const auto& [name, counts] : part.fault_counts) {
        json::object by_call;
        for (std::size_t call = 0; call < counts.size(); ++call) {
            by_call[scenario::fault_call_names(static_cast<scenario::fault_call>(call))] =
                counts[call];
        }
        faults[name] = std::move(by_call);
    }
    return json::object{{"now", time_value(part.now)},
                        {"job_ids_drawn", part.jobs.ids_drawn},
                        {"jobs", std::move(jobs)},
                        {"uploads", std::move(files)},
                        {"fault_counts", std::move(faults)},
                        {"scenarios", scenario_documents(part.scenarios)}};
}

// A JSON value being read and where it is in the document, for errors that name the field.
class reader {
public:
    reader(const json::value& value, std::string path)
        : value_(value)
        , path_(std::move(path)) {}

    [[noreturn]] void fail(std::string_view what) const {
        throw snapshot_error{path_ + ": " + std::string{what}};
    }

    const std::string& path() const { return path_; }

    const json::value& value() const { return value_; }

    const json::object& object() const {
        if (!value_.is_object()) {
            fail("expected an object");
        }
        return value_.get_object();
    }

    const json::array& array() const {
        if (!value_.is_array()) {
            fail("expected an array");
        }
        return value_.get_array();
    }

    // The member, which must be there.
    reader operator[](std::string_view key) const {
        const auto* member = object().if_contains(key);
        if (member == nullptr) {
            throw snapshot_error{path_ + "." + std::string{key} + ": missing"};
        }
        return reader{*member, path_ + "." + std::string{key}};
    }

    // The member when it is there and not null.
    std::optional<reader> maybe(std::string_view key) const {
        const auto* member = object().if_contains(key);
        if (member == nullptr || member->is_null()) {
            return std::nullopt;
        }
        return reader{*member, path_ + "." + std::string{key}};
    }

    reader item(std::size_t index) const {
        return reader{array().at(index), path_ + "[" + std::to_string(index) + "]"};
    }

    std::string text() const {
        if (!value_.is_string()) {
            fail("expected a string");
        }
        return std::string{value_.get_string()};
    }

    bool flag() const {
        if (!value_.is_bool()) {
            fail("expected true or false");
        }
        return value_.get_bool();
    }

    // A whole number of at most `T`'s range.
    template <typename T = std::uint64_t>
    T whole() const {
        if (value_.is_uint64()) {
            if (value_.get_uint64() <= std::numeric_limits<T>::max()) {
                return static_cast<T>(value_.get_uint64());
            }
        } else if (value_.is_int64() && value_.get_int64() >= 0 &&
                   static_cast<std::uint64_t>(value_.get_int64()) <=
                       std::numeric_limits<T>::max()) {
            return static_cast<T>(value_.get_int64());
        }
        fail("expected a whole number from 0 to " + std::to_string(std::numeric_limits<T>::max()));
    }

    instant time() const {
        const auto at = support::parse_iso8601(text());
        if (!at) {
            fail("expected a time like \"2026-01-01T00:00:00.000000Z\"");
        }
        return *at;
    }

    template <typename T>
    static std::optional<T> optional_whole(const std::optional<reader>& member) {
        return member ? std::optional<T>{member->template whole<T>()} : std::nullopt;
    }

private:
    const json::value& value_;
    std::string path_;
};

fake::input_file read_file(const reader& in) {
    fake::input_file file;
    file.name = in["name"].text();
    file.content_type = in["content_type"].text();
    file.size = in["size"].whole();
    file.from_url = in["from_url"].flag();
    file.duration_ms = reader::optional_whole<std::uint32_t>(in.maybe("duration_ms"));
    file.sample_rate = reader::optional_whole<std::uint32_t>(in.maybe("sample_rate"));
    file.channels = reader::optional_whole<std::uint16_t>(in.maybe("channels"));
    file.page_count = reader::optional_whole<std::uint32_t>(in.maybe("page_count"));
    file.width = reader::optional_whole<std::uint32_t>(in.maybe("width"));
    file.height = reader::optional_whole<std::uint32_t>(in.maybe("height"));
    return file;
}

std::shared_ptr<const jobs::job_input> read_input(const reader& in) {
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

scenario_ptr read_scenario(const reader& in) {
    try {
        return std::make_shared<const scenario::scenario>(
            scenario::scenario_from_json(in.value(), "scenario"));
    } catch (const scenario::load_error& error) {
        in.fail(error.what());
    }
}

std::vector<scenario_ptr> read_scenarios(const reader& in) {
    std::vector<scenario_ptr> list;
    for (std::size_t index = 0; index < in.array().size(); ++index) {
        list.push_back(read_scenario(in.item(index)));
    }
    return list;
}

const features::feature_spec& read_feature(const reader& in) {
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
const scenario::step* read_shown(const reader& in, const job& j, const provider_run& run) {
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

provider_run read_provider(const reader& in, const job& j) {
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

job read_job(const reader& in, const std::map<std::string, scenario_ptr, std::less<>>& plans) {
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

uploads::upload read_upload(const reader& in) {
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

tenant_state read_tenant(const reader& in,
                         std::string name,
                         const std::map<std::string, scenario_ptr, std::less<>>& plans) {
    tenant_state part;
    part.tenant = std::move(name);
    part.now = in["now"].time();
    part.jobs.tenant = part.tenant;
    part.jobs.ids_drawn = in["job_ids_drawn"].whole();
    const auto jobs = in["jobs"];
    for (std::size_t index = 0; index < jobs.array().size(); ++index) {
        part.jobs.jobs.push_back(read_job(jobs.item(index), plans));
        part.jobs.jobs.back().launch_seq = index + 1;
    }
    const auto files = in["uploads"];
    for (std::size_t index = 0; index < files.array().size(); ++index) {
        part.uploads.push_back(read_upload(files.item(index)));
    }
    const auto faults = in["fault_counts"];
    for (const auto& [key, counts] : faults.object()) {
        const reader by_call{counts, faults.path() + "." + std::string{key}};
        engine::fault_injector::counters kept{};
        for (std::size_t call = 0; call < kept.size(); ++call) {
            kept[call] =
                by_call[scenario::fault_call_names(static_cast<scenario::fault_call>(call))]
                    .whole();
        }
        part.fault_counts.emplace(std::string{key}, kept);
    }
    part.scenarios = read_scenarios(in["scenarios"]);
    return part;
}

} // namespace

json::value snapshot_document(const emulator_state& state) {
    plan_keys plans;
    json::object tenants;
    for (const auto& part : state.tenants) {
        tenants[part.tenant] = tenant_document(part, plans);
    }
    json::object document{
        {"edenmock_snapshot", snapshot_format},
        {"seed", state.seed},
        {"clock", json::object{{"now", time_value(state.now)}, {"manual", state.manual_clock}}},
        {"tenant", state.tenant ? json::value(*state.tenant) : json::value(nullptr)},
        {"scenarios", scenario_documents(state.scenarios)},
        {"upload_counter", state.upload_counter},
        {"plans", plans.documents()},
        {"tenants", std::move(tenants)}};
    return document;
}

emulator_state read_snapshot(const json::value& document) {
    const reader root{document, "$"};
    root.object();
    const auto format = root["edenmock_snapshot"];
    if (!format.value().is_int64() || format.value().get_int64() < 1) {
        format.fail("expected the snapshot format version (" + std::to_string(snapshot_format) +
                    ")");
    }
    if (format.value().get_int64() > snapshot_format) {
        format.fail("written by a newer edenmock (format " +
                    std::to_string(format.value().get_int64()) + "); this one reads format " +
                    std::to_string(snapshot_format));
    }
    emulator_state state;
    state.seed = root["seed"].whole();
    const auto clock = root["clock"];
    state.now = clock["now"].time();
    state.manual_clock = clock["manual"].flag();
    if (const auto tenant = root.maybe("tenant")) {
        state.tenant = tenant->text();
    }
    state.scenarios = read_scenarios(root["scenarios"]);
    state.upload_counter = root["upload_counter"].whole();
    std::map<std::string, scenario_ptr, std::less<>> plans;
    const auto plan_documents = root["plans"];
    for (const auto& [key, plan] : plan_documents.object()) {
        plans.emplace(std::string{key},
                      read_scenario(reader{plan, plan_documents.path() + "." + std::string{key}}));
    }
    const auto tenants = root["tenants"];
    for (const auto& [key, part] : tenants.object()) {
        state.tenants.push_back(read_tenant(
            reader{part, tenants.path() + "." + std::string{key}}, std::string{key}, plans));
    }
    if (state.tenant &&
        (state.tenants.size() != 1 || state.tenants.front().tenant != *state.tenant)) {
        tenants.fail("a snapshot of tenant \"" + *state.tenant + "\" holds that tenant alone");
    }
    std::sort(state.tenants.begin(), state.tenants.end(), [](const auto& a, const auto& b) {
        return a.tenant < b.tenant;
    });
    return state;
}

} // namespace emu::wire
