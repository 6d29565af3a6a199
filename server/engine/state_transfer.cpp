#include "server/engine/state_transfer.hpp"

#include <algorithm>
#include <set>

namespace emu::engine {
namespace {

// Moves every time the tenant's part holds forward by `by`.
void shift(tenant_state& part, scheduling::duration by) {
    for (auto& job : part.jobs.jobs) {
        job.created_at += by;
        for (auto& run : job.providers) {
            run.step_at += by;
        }
        if (job.ended_at) {
            *job.ended_at += by;
        }
        if (job.end_visible_at) {
            *job.end_visible_at += by;
        }
    }
    for (auto& file : part.uploads) {
        file.created_at += by;
        file.expires_at += by;
    }
    for (auto& kept : part.deliveries) {
        kept.job.created_at += by;
        for (auto& run : kept.job.providers) {
            run.step_at += by;
        }
        if (kept.job.ended_at) {
            *kept.job.ended_at += by;
        }
        for (auto& send : kept.sends) {
            send.second += by;
        }
    }
    for (auto& record : part.webhook_journal) {
        record.scheduled_at += by;
        for (auto* at : {&record.sent_at, &record.completed_at, &record.retry_at}) {
            if (*at) {
                **at += by;
            }
        }
    }
    part.now += by;
}

} // namespace

state_transfer::state_transfer(scheduling::tenant_clocks& clocks,
                               scheduling::manual_clock* manual,
                               jobs::job_service& jobs,
                               uploads::upload_store& uploads,
                               scenario::scenario_catalog& scenarios,
                               webhooks::webhook_dispatcher& webhooks,
                               fault_injector& faults,
                               const resetter& resets,
                               std::uint64_t seed)
    : clocks_(clocks)
    , manual_(manual)
    , jobs_(jobs)
    , uploads_(uploads)
    , scenarios_(scenarios)
    , webhooks_(webhooks)
    , faults_(faults)
    , resets_(resets)
    , seed_(seed) {}

emulator_state state_transfer::capture(std::string_view tenant) {
    ++taken_;
    emulator_state state;
    state.seed = seed_;
    state.now = clocks_.base().now();
    state.manual_clock = clocks_.base().is_manual();
    state.upload_counter = uploads_.counter();
    // Every tenant any service keeps something of.
    std::set<std::string, std::less<>> names;
    auto parts = jobs_.export_jobs(tenant);
    auto webhooks = webhooks_.export_state(tenant);
    if (tenant.empty()) {
        state.scenarios = scenarios_.runtime({});
        for (const auto& part : parts) {
            names.insert(part.tenant);
        }
        for (auto list : {uploads_.tenants(), scenarios_.runtime_tenants(), faults_.tenants()}) {
            names.insert(list.begin(), list.end());
        }
        for (const auto& [name, ahead] : clocks_.offsets()) {
            names.insert(name);
        }
        for (const auto& kept : webhooks.deliveries) {
            names.insert(kept.tenant);
        }
        for (const auto& record : webhooks.journal) {
            names.insert(record.tenant);
        }
    } else {
        state.tenant = std::string{tenant};
        names.insert(std::string{tenant});
    }
    for (const auto& name : names) {
        tenant_state part;
        part.tenant = name;
        part.now = clocks_.now(name);
        const auto found = std::find_if(
            parts.begin(), parts.end(), [&](const auto& jobs) { return jobs.tenant == name; });
        part.jobs = found != parts.end() ? std::move(*found) : jobs::tenant_jobs{name, 0, {}};
        part.uploads = uploads_.export_files(name);
        part.fault_counts = faults_.counts_of(name);
        part.scenarios = scenarios_.runtime(name);
        for (auto& kept : webhooks.deliveries) {
            if (kept.tenant == name) {
                part.deliveries.push_back(std::move(kept));
            }
        }
        for (auto& record : webhooks.journal) {
            if (record.tenant == name) {
                part.webhook_journal.push_back(std::move(record));
            }
        }
        state.tenants.push_back(std::move(part));
    }
    webhooks.deliveries.clear();
    webhooks.journal.clear();
    state.webhook_counters = std::move(webhooks);
    return state;
}

std::optional<restore_refusal> state_transfer::refusal(const emulator_state& state,
                                                       std::string_view into) const {
    if (state.seed != seed_) {
        return restore_refusal{"seed",
                               "the snapshot was taken with seed " + std::to_string(state.seed) +
                                   "; this emulator runs with seed " + std::to_string(seed_) +
                                   " (start it with --seed " + std::to_string(state.seed) + ")"};
    }
    if (into.empty() && state.tenant) {
        return restore_refusal{"tenant",
                               "a snapshot of tenant \"" + *state.tenant +
                                   "\" restores into a tenant: PUT /_emulator/snapshot?tenant=KEY"};
    }
    if (!into.empty() && !state.tenant) {
        return restore_refusal{"tenant",
                               "a snapshot of the whole emulator restores without ?tenant=; take "
                               "one tenant's with GET /_emulator/snapshot?tenant=KEY"};
    }
    return std::nullopt;
}

void state_transfer::restore(emulator_state state, std::string_view into) {
    std::vector<std::string> restored;
    for (const auto& part : state.tenants) {
        restored.push_back(into.empty() ? part.tenant : std::string{into});
    }
    ++restored_;
    resets_.reset(into);
    // Deliveries go in once every job is back: sending one checks that its job still exists.
    auto webhooks = std::move(state.webhook_counters);
    if (into.empty()) {
        if (manual_ != nullptr) {
            manual_->set(state.now);
        }
        scenarios_.set_runtime(std::move(state.scenarios), {});
        for (auto& part : state.tenants) {
            const auto name = part.tenant;
            auto own = restore_tenant(std::move(part), name);
            std::move(own.deliveries.begin(),
                      own.deliveries.end(),
                      std::back_inserter(webhooks.deliveries));
            std::move(own.journal.begin(), own.journal.end(), std::back_inserter(webhooks.journal));
        }
        webhooks_.import_state({}, std::move(webhooks));
    } else {
        for (auto& part : state.tenants) {
            webhooks_.import_state(into, restore_tenant(std::move(part), into));
        }
    }
    uploads_.raise_counter(state.upload_counter);
    if (on_restore_) {
        on_restore_(restored);
    }
}

webhooks::webhook_dispatcher::saved_webhooks state_transfer::restore_tenant(tenant_state part,
                                                                            std::string_view into) {
    const auto base_now = clocks_.base().now();
    if (part.now >= base_now) {
        clocks_.set_offset(into, part.now - base_now);
    } else {
        shift(part, base_now - part.now);
    }
    scenarios_.set_runtime(std::move(part.scenarios), into);
    faults_.set_counts(into, std::move(part.fault_counts));
    uploads_.import_files(into, std::move(part.uploads));
    jobs_.import_jobs(into, std::move(part.jobs));
    webhooks::webhook_dispatcher::saved_webhooks own;
    own.deliveries = std::move(part.deliveries);
    own.journal = std::move(part.webhook_journal);
    return own;
}

} // namespace emu::engine
