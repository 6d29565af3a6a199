#include "server/jobs/job_service.hpp"

#include "fake_providers/deterministic.hpp"

#include <algorithm>
#include <limits>

namespace emu::jobs {
namespace {

// Sets the version-4 and variant bits so the id round-trips through its text form.
job_id as_uuid4(std::uint64_t high, std::uint64_t low) {
    return job_id{(high & ~0xf000ULL) | 0x4000ULL,
                  (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL};
}

} // namespace

job_service::job_service(scheduling::tenant_clocks& clocks,
                         std::uint64_t seed,
                         list_mode mode,
                         std::optional<scheduling::duration> v3_retention)
    : clocks_(clocks)
    , seed_(seed)
    , mode_(mode)
    , v3_retention_(v3_retention) {}

void job_service::on_schedule(std::function<void()> callback) {
    std::lock_guard lock{mutex_};
    on_schedule_ = std::move(callback);
}

void job_service::on_end(end_callback callback) {
    std::lock_guard lock{mutex_};
    on_end_ = std::move(callback);
}

void job_service::on_change(change_callback callback) {
    std::lock_guard lock{mutex_};
    on_change_ = std::move(callback);
}

std::optional<job> job_service::export_job(std::string_view tenant, const job_id& id) {
    std::lock_guard lock{mutex_};
    const auto* found = lookup(tenant, id);
    return found == nullptr ? std::nullopt : std::optional<job>{*found};
}

std::uint64_t job_service::ids_drawn(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    const auto found = tenants_.find(tenant);
    return found == tenants_.end() ? 0 : found->second;
}

void job_service::publish_ended() {
    std::vector<std::pair<job_snapshot, scheduling::instant>> ended;
    end_callback callback;
    {
        std::lock_guard lock{mutex_};
        ended.swap(ended_);
        callback = on_end_;
    }
    if (!callback) {
        return;
    }
    for (const auto& [job, at] : ended) {
        callback(job, at);
    }
}

bool job_service::hides_end(const job& j, scheduling::instant now) {
    return j.end_visible_at && now < *j.end_visible_at;
}

job_id job_service::fresh_id(tenant_entry& tenant) {
    // Each tenant draws from its own sequence, so a tenant's ids (and the results derived from
    // them) do not depend on what other tenants do in parallel.
    const auto tenant_seed = fake::mix(seed_, fake::fnv1a(tenant.first));
    for (;;) {
        const auto counter = ++tenant.second;
        const auto id =
            as_uuid4(fake::mix(tenant_seed, counter), fake::mix(counter, tenant_seed ^ 0x5bd1e995));
        if (!jobs_.contains(job_key{&tenant.first, id})) {
            return id;
        }
    }
}

job_service::tenant_entry& job_service::tenant_of(std::string_view tenant) {
    auto found = tenants_.find(tenant);
    if (found == tenants_.end()) {
        found = tenants_.emplace(std::string{tenant}, 0).first;
    }
    return *found;
}

std::vector<job_id>& job_service::jobs_of(std::string_view tenant,
                                          const features::feature_spec& feature) {
    return order_[{&tenant_of(tenant).first, &feature}];
}

job_id job_service::launch(std::string_view tenant,
                           const features::feature_spec& feature,
                           const std::vector<requested_provider>& providers,
                           std::shared_ptr<const job_input> input,
                           std::shared_ptr<const scenario::scenario> plan) {
    std::function<void()> notify;
    job_id id;
    {
        const end_publisher publisher{*this};
        std::lock_guard lock{mutex_};
        run_due_locked();
        const auto now = clocks_.now(tenant);
        auto& owner = tenant_of(tenant);
        id = fresh_id(owner);
        auto& order = jobs_of(tenant, feature);
        job fresh;
        fresh.id = id;
        fresh.tenant = &owner.first;
        job& created = insert(std::move(fresh));
        created.feature = &feature;
        created.created_at = now;
        created.launch_seq = ++launches_;
        created.input = std::move(input);
        created.plan = std::move(plan);
        created.providers.reserve(providers.size());
        for (std::size_t index = 0; index < providers.size(); ++index) {
            provider_run run;
            run.name = providers[index].name;
            run.model = providers[index].model;
            run.sub_id = as_uuid4(fake::mix(id.high, index), fake::mix(id.low, seed_ + index));
            run.step_at = now;
            // Eden's faker moves when polled, unless the scenario gives it a timeline.
            if (run.name == "faker" && !created.plan->timelines.contains("faker")) {
                run.poll_driven = true;
                run.faker = faker_mode_for(run.model);
            }
            created.providers.push_back(std::move(run));
            if (!created.providers.back().poll_driven) {
                arm_step(created, static_cast<std::uint16_t>(index), now);
            }
        }
        if (const auto& failure = created.plan->job_failure; failure && !failure->after_polls) {
            timeline_.schedule(tenant, now + failure->after, transition{id, change::job_failure});
        }
        order.push_back(id);
        // Steps due at once (a zero delay) apply before anyone can read the job.
        run_due_locked();
        notify = on_schedule_;
    }
    if (notify) {
        notify();
    }
    return id;
}

void job_service::arm_step(job& j, std::uint16_t provider, scheduling::instant from) {
    const auto& run = j.providers[provider];
    const auto& steps = j.plan->steps_for(run.name);
    // Steps that wait for polls are checked on GET; timed ones go on the timeline.
    if (run.next_step < steps.size() && !steps[run.next_step].after_polls) {
        timeline_.schedule(*j.tenant,
                           from + steps[run.next_step].after,
                           transition{j.id, change::step, provider, run.next_step});
    }
}

void job_service::show_step(job& j,
                            std::uint16_t provider,
                            const scenario::step& shown,
                            scheduling::instant at) {
    auto& run = j.providers[provider];
    run.status = shown.status;
    run.step = &shown;
    run.step_at = at;
    run.polls_at_step = j.polls;
    ++run.next_step;
    arm_step(j, provider, at);
    note_end(j, at);
}

void job_service::fail_job(job& j) {
    if (j.ended_at) {
        return; // the job ended before its failure was due
    }
    const auto& shown = j.plan->job_failure->shown;
    j.failed_as_job = true;
    for (auto& run : j.providers) {
        if (run.status == provider_status::processing) {
            run.status = provider_status::failed;
            run.step = &shown;
        }
        run.poll_driven = false;
        run.next_step = std::numeric_limits<std::uint16_t>::max(); // queued steps go stale
    }
}

void job_service::note_end(job& j, scheduling::instant at) {
    if (j.ended_at ||
        status_of(j.providers, j.failed_as_job, j.feature->api) == job_status::processing) {
        return;
    }
    j.ended_at = at;
    if (j.plan->webhook.early.count() > 0 && !j.input->webhook_receiver.empty()) {
        j.end_visible_at = at + j.plan->webhook.early;
    }
    if (on_end_) {
        ended_.emplace_back(snapshot_of(j), at);
    }
    const auto keep =
        j.plan->expire_after
            ? j.plan->expire_after
            : (j.feature->api == features::api_version::v3 ? v3_retention_ : std::nullopt);
    if (keep) {
        expiries_.schedule(*j.tenant, at + *keep, transition{j.id, change::expiry});
    }
}

job* job_service::lookup(std::string_view tenant, const job_id& id) {
    const auto owner = tenants_.find(tenant);
    if (owner == tenants_.end()) {
        return nullptr;
    }
    const auto found = jobs_.find(job_key{&owner->first, id});
    return found == jobs_.end() ? nullptr : &found->second;
}

job* job_service::lookup_any(const job_id& id, std::string_view tenant) {
    if (!tenant.empty()) {
        return lookup(tenant, id);
    }
    job* first = nullptr;
    const auto [begin, end] = owners_.equal_range(id);
    for (auto it = begin; it != end; ++it) {
        auto& candidate = jobs_.at(job_key{it->second, id});
        if (first == nullptr || candidate.launch_seq < first->launch_seq) {
            first = &candidate;
        }
    }
    return first;
}

job& job_service::insert(job created) {
    const job_key key{created.tenant, created.id};
    const auto [at, added] = jobs_.emplace(key, std::move(created));
    if (added) {
        owners_.emplace(key.id, key.tenant);
    }
    changed(key.tenant, &key.id);
    return at->second;
}

void job_service::drop(const job& j) {
    const auto [begin, end] = owners_.equal_range(j.id);
    for (auto it = begin; it != end; ++it) {
        if (it->second == j.tenant) {
            owners_.erase(it);
            break;
        }
    }
    const job_key key{j.tenant, j.id};
    changed(key.tenant, &key.id);
    changed(key.tenant, nullptr); // its record kept the id counter; the tenant's keeps it now
    jobs_.erase(key);
}

void job_service::erase(const job& j) {
    auto& order = order_[{j.tenant, j.feature}];
    order.erase(std::remove(order.begin(), order.end(), j.id), order.end());
    drop(j);
}

void job_service::apply(std::string_view tenant,
                        const scheduling::timeline_entry<transition>& entry) {
    auto* found = lookup(tenant, entry.payload.id);
    if (found == nullptr) {
        return; // deleted since it was scheduled
    }
    auto& j = *found;
    switch (entry.payload.what) {
    case change::step: {
        const auto& run = j.providers[entry.payload.provider];
        if (run.next_step != entry.payload.step) {
            return; // overtaken by a forced step or a job failure
        }
        show_step(
            j, entry.payload.provider, j.plan->steps_for(run.name)[entry.payload.step], entry.due);
        changed(j.tenant, &j.id);
        return;
    }
    case change::job_failure:
        fail_job(j);
        note_end(j, entry.due);
        changed(j.tenant, &j.id);
        return;
    case change::expiry:
        erase(j);
        return;
    }
}

void job_service::count_poll(job& j, scheduling::instant now) {
    const auto poll = j.polls++;
    if (const auto& failure = j.plan->job_failure;
        failure && failure->after_polls && j.polls >= *failure->after_polls) {
        fail_job(j);
    }
    for (std::uint16_t index = 0; index < j.providers.size(); ++index) {
        auto& run = j.providers[index];
        if (run.poll_driven) {
            if (run.status == provider_status::processing) {
                run.status = faker_poll(run.faker, seed_, run.sub_id, poll);
                run.step = run.status == provider_status::failed ? &faker_failure() : nullptr;
            }
            continue;
        }
        const auto& steps = j.plan->steps_for(run.name);
        if (run.next_step < steps.size() && steps[run.next_step].after_polls &&
            j.polls - run.polls_at_step >= *steps[run.next_step].after_polls) {
            show_step(j, index, steps[run.next_step], now);
        }
    }
    note_end(j, now);
    changed(j.tenant, &j.id);
}

void job_service::run_due_locked() {
    const auto apply_entry = [this](std::string_view tenant, const auto& entry) {
        apply(tenant, entry);
    };
    timeline_.run_due(clocks_, apply_entry);
    expiries_.run_due(clocks_, apply_entry);
}

void job_service::run_due() {
    const end_publisher publisher{*this};
    std::lock_guard lock{mutex_};
    run_due_locked();
}

namespace {

std::optional<scheduling::instant> earliest(std::optional<scheduling::instant> a,
                                            std::optional<scheduling::instant> b) {
    return a && b ? std::min(*a, *b) : a ? a : b;
}

} // namespace

std::optional<scheduling::instant> job_service::next_due() {
    std::lock_guard lock{mutex_};
    return earliest(timeline_.next_due(clocks_), expiries_.next_due(clocks_));
}

std::optional<scheduling::instant> job_service::next_skip_target() {
    std::lock_guard lock{mutex_};
    return timeline_.next_due(clocks_);
}

std::optional<scheduling::instant> job_service::next_due_of(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    return earliest(timeline_.next_due_of(tenant), expiries_.next_due_of(tenant));
}

job_snapshot job_service::shown_at(const job& j, scheduling::instant now) const {
    auto shown = snapshot_of(j);
    if (hides_end(j, now)) {
        for (auto& run : shown.providers) {
            run.status = provider_status::processing;
            run.step = nullptr;
        }
        shown.failed_as_job = false;
    }
    return shown;
}

job* job_service::visible(std::string_view tenant, const job_scope& scope, const job_id& id) {
    auto* found = lookup(tenant, id);
    return found != nullptr && scope.holds(*found->feature) ? found : nullptr;
}

std::optional<job_snapshot> job_service::get(std::string_view tenant,
                                             const job_scope& scope,
                                             const job_id& id,
                                             const poll_gate& gate) {
    const end_publisher publisher{*this};
    std::lock_guard lock{mutex_};
    run_due_locked();
    auto* found = visible(tenant, scope, id);
    if (found == nullptr) {
        return std::nullopt;
    }
    auto& polled = *found;
    if (gate && !gate(*polled.plan)) {
        return std::nullopt;
    }
    const auto now = clocks_.now(tenant);
    count_poll(polled, now);
    auto shown = shown_at(polled, now);
    polled.observed = list_view_of(shown.providers, shown.failed_as_job, polled.feature->api);
    return shown;
}

std::optional<job_snapshot>
job_service::peek(std::string_view tenant, const job_scope& scope, const job_id& id) {
    const end_publisher publisher{*this};
    std::lock_guard lock{mutex_};
    run_due_locked();
    const auto* found = visible(tenant, scope, id);
    if (found == nullptr) {
        return std::nullopt;
    }
    return shown_at(*found, clocks_.now(tenant));
}

std::vector<job_snapshot> job_service::snapshots(std::string_view tenant, const job_scope& scope) {
    const end_publisher publisher{*this};
    std::lock_guard lock{mutex_};
    run_due_locked();
    std::vector<job_snapshot> result;
    const auto owner = tenants_.find(tenant);
    if (owner == tenants_.end()) {
        return result;
    }
    const auto now = clocks_.now(tenant);
    for (auto it = order_.lower_bound({&owner->first, nullptr});
         it != order_.end() && it->first.first == &owner->first;
         ++it) {
        if (!scope.holds(*it->first.second)) {
            continue;
        }
        for (const auto& id : it->second) {
            result.push_back(shown_at(jobs_.at(job_key{&owner->first, id}), now));
        }
    }
    // Newest first; launch order breaks ties between jobs of one instant (a manual clock).
    std::sort(result.begin(), result.end(), [](const job_snapshot& a, const job_snapshot& b) {
        return a.created_at != b.created_at ? a.created_at > b.created_at
                                            : a.launch_seq > b.launch_seq;
    });
    return result;
}

removal job_service::remove(std::string_view tenant, const job_scope& scope, const job_id& id) {
    const end_publisher publisher{*this};
    std::lock_guard lock{mutex_};
    run_due_locked();
    const auto* found = visible(tenant, scope, id);
    if (found == nullptr) {
        return removal::not_found;
    }
    if (status_of(shown_at(*found, clocks_.now(tenant))) == job_status::processing) {
        return removal::processing;
    }
    erase(*found);
    return removal::removed;
}

bool job_service::waits_for_time(const job& j) {
    const auto& failure = j.plan->job_failure;
    if (failure && !failure->after_polls && !j.ended_at) {
        return true;
    }
    return std::any_of(j.providers.begin(), j.providers.end(), [&j](const provider_run& run) {
        const auto& steps = j.plan->steps_for(run.name);
        return !run.poll_driven && run.next_step < steps.size() &&
               !steps[run.next_step].after_polls;
    });
}

bool job_service::settled() {
    std::lock_guard lock{mutex_};
    return std::none_of(
        jobs_.begin(), jobs_.end(), [](const auto& entry) { return waits_for_time(entry.second); });
}

bool job_service::settled_of(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    return std::none_of(jobs_.begin(), jobs_.end(), [tenant](const auto& entry) {
        return *entry.second.tenant == tenant && waits_for_time(entry.second);
    });
}

bool job_service::exists(const job_id& id, std::string_view tenant) {
    std::lock_guard lock{mutex_};
    return lookup_any(id, tenant) != nullptr;
}

std::optional<job_snapshot> job_service::find(const job_id& id, std::string_view tenant) {
    const end_publisher publisher{*this};
    std::lock_guard lock{mutex_};
    run_due_locked();
    const auto* found = lookup_any(id, tenant);
    if (found == nullptr) {
        return std::nullopt;
    }
    return snapshot_of(*found);
}

std::optional<job_snapshot> job_service::force(const job_id& id,
                                               std::string_view tenant,
                                               std::string_view provider,
                                               scenario::step forced) {
    const end_publisher publisher{*this};
    std::lock_guard lock{mutex_};
    run_due_locked();
    auto* found = lookup_any(id, tenant);
    if (found == nullptr) {
        return std::nullopt;
    }
    auto& j = *found;
    const auto& kept =
        j.forced.emplace_back(std::make_shared<const scenario::step>(std::move(forced)));
    j.failed_as_job = false; // a forced outcome replaces a job-level failure
    for (auto& run : j.providers) {
        if (!provider.empty() && run.name != provider) {
            continue;
        }
        // The rest of its timeline no longer applies: queued entries are skipped as stale.
        run.status = kept->status;
        run.step = kept.get();
        run.poll_driven = false;
        run.next_step = std::numeric_limits<std::uint16_t>::max();
    }
    note_end(j, clocks_.now(*j.tenant));
    j.observed = list_view_of(j.providers, j.failed_as_job, j.feature->api);
    changed(j.tenant, &j.id);
    return snapshot_of(j);
}

std::vector<job_summary> job_service::list(std::string_view tenant,
                                           const features::feature_spec& feature) {
    const end_publisher publisher{*this};
    std::lock_guard lock{mutex_};
    run_due_locked();
    std::vector<job_summary> rows;
    const auto tenant_it = tenants_.find(tenant);
    if (tenant_it == tenants_.end()) {
        return rows;
    }
    const auto order = order_.find({&tenant_it->first, &feature});
    if (order == order_.end()) {
        return rows;
    }
    rows.reserve(order->second.size());
    const auto now = clocks_.now(tenant);
    for (const auto& id : order->second) {
        const auto& j = jobs_.at(job_key{&tenant_it->first, id});
        job_summary row;
        row.id = id;
        row.created_at = j.created_at;
        for (const auto& run : j.providers) {
            row.providers.push_back(run.name);
        }
        // A hidden end shows as a job still processing (as shown_at does for a GET).
        const auto view = mode_ == list_mode::lazy ? j.observed
                          : hides_end(j, now)
                              ? list_view{}
                              : list_view_of(j.providers, j.failed_as_job, j.feature->api);
        row.succeeded = view.succeeded;
        row.status = view.status;
        row.state = row.status == job_status::failed && view.failed_as_job
                        ? std::string_view{j.plan->job_failure->list_state}
                        : to_string(row.status);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::size_t job_service::remove_all(std::string_view tenant,
                                    const features::feature_spec& feature) {
    std::lock_guard lock{mutex_};
    const auto tenant_it = tenants_.find(tenant);
    if (tenant_it == tenants_.end()) {
        return 0;
    }
    const auto order = order_.find({&tenant_it->first, &feature});
    if (order == order_.end()) {
        return 0;
    }
    // Timeline entries of these jobs stay queued and are skipped when they fall due.
    const auto removed = order->second.size();
    for (const auto& id : order->second) {
        drop(jobs_.at(job_key{&tenant_it->first, id}));
    }
    order_.erase(order);
    return removed;
}

std::size_t job_service::reset(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    for (const auto& [key, j] : jobs_) {
        if (tenant.empty() || *key.tenant == tenant) {
            changed(key.tenant, &key.id);
        }
    }
    if (tenant.empty()) {
        const auto removed = jobs_.size();
        ended_.clear();
        jobs_.clear();
        owners_.clear();
        order_.clear();
        timeline_.clear();
        expiries_.clear();
        return removed;
    }
    const auto owner = tenants_.find(tenant);
    if (owner == tenants_.end()) {
        return 0;
    }
    const std::string* key = &owner->first;
    std::erase_if(ended_, [&](const auto& ended) { return ended.first.tenant == key; });
    std::erase_if(owners_, [&](const auto& entry) { return entry.second == key; });
    const auto removed =
        std::erase_if(jobs_, [&](const auto& entry) { return entry.first.tenant == key; });
    std::erase_if(order_, [&](const auto& entry) { return entry.first.first == key; });
    timeline_.erase(tenant);
    expiries_.erase(tenant);
    return removed;
}

const std::string* job_service::tenant_key(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    return &tenant_of(tenant).first;
}

std::vector<tenant_jobs> job_service::export_jobs(std::string_view tenant) {
    const end_publisher publisher{*this};
    std::lock_guard lock{mutex_};
    run_due_locked();
    std::vector<tenant_jobs> parts;
    for (const auto& [name, drawn] : tenants_) {
        if (!tenant.empty() && name != tenant) {
            continue;
        }
        tenant_jobs part{name, drawn, {}};
        for (auto it = order_.lower_bound({&name, nullptr});
             it != order_.end() && it->first.first == &name;
             ++it) {
            for (const auto& id : it->second) {
                part.jobs.push_back(jobs_.at(job_key{&name, id}));
            }
        }
        std::sort(part.jobs.begin(), part.jobs.end(), [](const job& a, const job& b) {
            return a.launch_seq < b.launch_seq;
        });
        parts.push_back(std::move(part));
    }
    return parts;
}

void job_service::rearm(job& j) {
    for (std::uint16_t index = 0; index < j.providers.size(); ++index) {
        if (!j.providers[index].poll_driven) {
            arm_step(j, index, j.providers[index].step_at);
        }
    }
    if (const auto& failure = j.plan->job_failure;
        failure && !failure->after_polls && !j.ended_at) {
        timeline_.schedule(
            *j.tenant, j.created_at + failure->after, transition{j.id, change::job_failure});
    }
    const auto keep =
        j.plan->expire_after
            ? j.plan->expire_after
            : (j.feature->api == features::api_version::v3 ? v3_retention_ : std::nullopt);
    if (j.ended_at && keep) {
        expiries_.schedule(*j.tenant, *j.ended_at + *keep, transition{j.id, change::expiry});
    }
}

void job_service::import_jobs(std::string_view into, tenant_jobs part) {
    reset(into);
    std::function<void()> notify;
    {
        const end_publisher publisher{*this};
        std::lock_guard lock{mutex_};
        auto& owner = tenant_of(into);
        owner.second = part.ids_drawn;
        changed(&owner.first, nullptr);
        std::sort(part.jobs.begin(), part.jobs.end(), [](const job& a, const job& b) {
            return a.launch_seq < b.launch_seq;
        });
        for (auto& imported : part.jobs) {
            imported.tenant = &owner.first;
            imported.launch_seq = ++launches_;
            auto& order = order_[{&owner.first, imported.feature}];
            auto& kept = insert(std::move(imported));
            order.push_back(kept.id);
            rearm(kept);
        }
        // What fell due while the state was saved applies now, as it would have.
        run_due_locked();
        notify = on_schedule_;
    }
    if (notify) {
        notify();
    }
}

std::size_t job_service::job_count() {
    std::lock_guard lock{mutex_};
    return jobs_.size();
}

std::array<std::size_t, 3> job_service::status_counts() {
    std::lock_guard lock{mutex_};
    std::array<std::size_t, 3> counts{};
    for (const auto& [id, j] : jobs_) {
        const auto status = hides_end(j, clocks_.now(*j.tenant))
                                ? job_status::processing
                                : status_of(j.providers, j.failed_as_job, j.feature->api);
        ++counts[static_cast<std::size_t>(status)];
    }
    return counts;
}

} // namespace emu::jobs
