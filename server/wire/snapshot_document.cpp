#include "server/wire/snapshot_document.hpp"

#include "server/wire/snapshot_jobs.hpp"
#include "server/wire/snapshot_webhooks.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>

namespace emu::wire {
namespace {

namespace json = boost::json;
using engine::emulator_state;
using engine::tenant_state;

json::object webhooks_document(const tenant_state& part, plan_keys& plans) {
    json::array deliveries;
    for (const auto& kept : part.deliveries) {
        deliveries.push_back(delivery_document(kept, plans));
    }
    json::array journal;
    for (const auto& record : part.webhook_journal) {
        journal.push_back(attempt_document(record));
    }
    return json::object{{"deliveries", std::move(deliveries)}, {"journal", std::move(journal)}};
}

json::object counters_document(const webhooks::webhook_dispatcher::saved_webhooks& counters) {
    json::object totals;
    for (std::size_t status = 0; status < counters.attempt_totals.size(); ++status) {
        totals[webhooks::attempt_status_names(static_cast<webhooks::attempt_status>(status))] =
            counters.attempt_totals[status];
    }
    return json::object{{"deliveries_made", counters.deliveries_made},
                        {"next_journal_seq", counters.next_journal_seq},
                        {"journal_dropped", counters.journal_dropped},
                        {"attempt_totals", std::move(totals)}};
}

webhooks::webhook_dispatcher::saved_webhooks read_counters(const json_reader& in) {
    webhooks::webhook_dispatcher::saved_webhooks counters;
    counters.deliveries_made = in["deliveries_made"].whole();
    counters.next_journal_seq = in["next_journal_seq"].whole();
    counters.journal_dropped = in["journal_dropped"].whole();
    const auto totals = in["attempt_totals"];
    for (std::size_t status = 0; status < counters.attempt_totals.size(); ++status) {
        counters.attempt_totals[status] =
            totals[webhooks::attempt_status_names(static_cast<webhooks::attempt_status>(status))]
                .whole();
    }
    return counters;
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
                        {"scenarios", scenario_documents(part.scenarios)},
                        {"webhooks", webhooks_document(part, plans)}};
}

tenant_state read_tenant(const json_reader& in, std::string name, const plan_map& plans) {
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
        const json_reader by_call{counts, faults.path() + "." + std::string{key}};
        engine::fault_injector::counters kept{};
        for (std::size_t call = 0; call < kept.size(); ++call) {
            kept[call] =
                by_call[scenario::fault_call_names(static_cast<scenario::fault_call>(call))]
                    .whole();
        }
        part.fault_counts.emplace(std::string{key}, kept);
    }
    part.scenarios = read_scenarios(in["scenarios"]);
    const auto webhooks = in["webhooks"];
    const auto deliveries = webhooks["deliveries"];
    for (std::size_t index = 0; index < deliveries.array().size(); ++index) {
        part.deliveries.push_back(read_delivery(deliveries.item(index), plans, part.tenant));
    }
    const auto journal = webhooks["journal"];
    for (std::size_t index = 0; index < journal.array().size(); ++index) {
        part.webhook_journal.push_back(read_attempt(journal.item(index), part.tenant));
    }
    return part;
}

} // namespace

json::object tenant_part_document(const tenant_state& part, plan_keys& plans) {
    return tenant_document(part, plans);
}

json::object webhooks_part_document(const tenant_state& part, plan_keys& plans) {
    return webhooks_document(part, plans);
}

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
        {"webhook_counters", counters_document(state.webhook_counters)},
        {"plans", plans.documents()},
        {"tenants", std::move(tenants)}};
    return document;
}

emulator_state read_snapshot(const json::value& document) {
    const json_reader root{document, "$"};
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
    state.webhook_counters = read_counters(root["webhook_counters"]);
    plan_map plans;
    const auto plan_documents = root["plans"];
    for (const auto& [key, plan] : plan_documents.object()) {
        plans.emplace(
            std::string{key},
            read_scenario(json_reader{plan, plan_documents.path() + "." + std::string{key}}));
    }
    const auto tenants = root["tenants"];
    for (const auto& [key, part] : tenants.object()) {
        state.tenants.push_back(read_tenant(
            json_reader{part, tenants.path() + "." + std::string{key}}, std::string{key}, plans));
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
