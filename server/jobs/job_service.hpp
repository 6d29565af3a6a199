#pragma once

#include "server/jobs/job.hpp"
#include "server/scheduling/due_source.hpp"
#include "server/scheduling/tenant_clocks.hpp"
#include "server/scheduling/tenant_timelines.hpp"
#include "server/support/enum_names.hpp"

#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>

namespace emu::jobs {

// How the list endpoint reports a job's state: live, or as of its last GET ("lazy", which is
// how Eden documents its list: "a job status doesn't get updated until a get request is sent").
enum class list_mode { live, lazy };

// The modes as --list-state spells them.
inline constexpr support::enum_names<list_mode, 2> list_mode_names{{"live", "lazy"}};

// Which jobs a call may see: one feature's (a v2 route serves one feature), or every feature's
// of one API (v3's job routes are not per feature).
class job_scope {
public:
    // Only this feature's jobs.
    constexpr job_scope(
        const features::feature_spec& feature) // NOLINT(google-explicit-constructor)
        : feature_(&feature)
        , api_(feature.api) {}

    // Every job of the API.
    static constexpr job_scope of_api(features::api_version api) { return job_scope{api}; }

    bool holds(const features::feature_spec& feature) const {
        return feature_ != nullptr ? &feature == feature_ : feature.api == api_;
    }

private:
    constexpr explicit job_scope(features::api_version api)
        : api_(api) {}

    const features::feature_spec* feature_ = nullptr;
    features::api_version api_;
};

// What deleting one job did.
enum class removal { removed, not_found, processing };

// One tenant's jobs and id sequence as the service keeps them: what a snapshot saves and an
// import puts back.
struct tenant_jobs {
    std::string tenant;
    std::uint64_t ids_drawn = 0; // the tenant's id counter
    std::vector<job> jobs;       // launch order; import ignores each job's `tenant`
};

// How long an ended v3 job is kept when its scenario says nothing (Eden keeps async results 7
// days: data-retention.mdx); v2 jobs are kept until deleted.
inline constexpr scheduling::duration default_v3_retention = std::chrono::days{7};

// The job store and its state machine. Thread-safe: every public member takes one lock, and
// due timeline entries are applied first, so every answer reflects the clock's current time.
// Each tenant's jobs live on that tenant's clock (tenant_clocks), the emulator's unless asked.
class job_service final : public scheduling::due_source {
public:
    // `v3_retention`: how long ended v3 jobs are kept (nullopt: until deleted).
    job_service(scheduling::tenant_clocks& clocks,
                std::uint64_t seed,
                list_mode mode,
                std::optional<scheduling::duration> v3_retention = default_v3_retention);

    // Called after a launch scheduled new entries, so a timer can re-arm (real clock).
    void on_schedule(std::function<void()> callback);

    // Called once per job when it first ends (finished or failed), with the job as it ended
    // and when; outside the service's lock, so the callback may call the service.
    using end_callback = std::function<void(const job_snapshot& job, scheduling::instant at)>;
    void on_end(end_callback callback);

    // Called under the service's lock whenever a job changes (launched, polled, stepped,
    // forced, deleted: `id` set), and with `id` null when the tenant's id counter must be
    // kept apart from its jobs (one was deleted, or an import set it); it must only note the
    // change (the state file renders it later, through export_job and ids_drawn).
    using change_callback = std::function<void(const std::string& tenant, const job_id* id)>;
    void on_change(change_callback callback);

    // The tenant's job as the service keeps it, or nullopt.
    std::optional<job> export_job(std::string_view tenant, const job_id& id);

    // How many ids the tenant has drawn.
    std::uint64_t ids_drawn(std::string_view tenant);

    // Starts a job that follows `plan` (the scenario chosen for it).
    job_id launch(std::string_view tenant,
                  const features::feature_spec& feature,
                  const std::vector<requested_provider>& providers,
                  std::shared_ptr<const job_input> input,
                  std::shared_ptr<const scenario::scenario> plan);

    // Asked under the lock with the polled job's scenario before a GET counts; false stops the
    // GET: no poll is counted and get() returns nullopt (the API layer's faults use it).
    using poll_gate = std::function<bool(const scenario::scenario& plan)>;

    // The tenant's job in that scope, or nullopt (unknown id, other tenant, out of scope, or
    // stopped by `gate`). Counts one GET of the job.
    std::optional<job_snapshot> get(std::string_view tenant,
                                    const job_scope& scope,
                                    const job_id& id,
                                    const poll_gate& gate = nullptr);

    // The tenant's job in that scope as a GET would show it now, without counting a GET.
    std::optional<job_snapshot>
    peek(std::string_view tenant, const job_scope& scope, const job_id& id);

    // The tenant's jobs in that scope as a GET would show them now, newest first; counts no
    // GET.
    std::vector<job_snapshot> snapshots(std::string_view tenant, const job_scope& scope);

    // Deletes the tenant's job in that scope unless it is still processing.
    removal remove(std::string_view tenant, const job_scope& scope, const job_id& id);

    // Shows `forced` on the job's provider (every provider when empty) from now on, ending its
    // timeline. Nullopt for an unknown job; the caller checks the provider name.
    // `tenant` as for find().
    std::optional<job_snapshot> force(const job_id& id,
                                      std::string_view tenant,
                                      std::string_view provider,
                                      scenario::step forced);

    // The tenant's job, or with "" any tenant's (the first launched when a snapshot was forked
    // into several tenants): for media URLs, which carry no credentials (like pre-signed URLs).
    std::optional<job_snapshot> find(const job_id& id, std::string_view tenant = {});

    // The tenant's jobs of that feature, oldest first.
    std::vector<job_summary> list(std::string_view tenant, const features::feature_spec& feature);

    // Deletes the tenant's jobs of that feature; returns how many.
    std::size_t remove_all(std::string_view tenant, const features::feature_spec& feature);

    // Deletes every job of one tenant and their pending steps (other tenants' jobs, and the
    // tenant's id sequence, are untouched), or with "" every job of every tenant; returns how
    // many.
    std::size_t reset(std::string_view tenant);

    // Whether the job exists (the tenant's, or with "" any tenant's); applies nothing, calls
    // nothing.
    bool exists(const job_id& id, std::string_view tenant = {});

    // The service's node for the tenant's name, which job snapshots point to (made if needed).
    const std::string* tenant_key(std::string_view tenant);

    // Every tenant's jobs (or with a tenant, that tenant's alone), tenants by name, as they
    // stand now (due entries applied first).
    std::vector<tenant_jobs> export_jobs(std::string_view tenant = {});

    // Replaces the jobs of tenant `into` with `part`'s, same ids, and its id counter with
    // `part`'s; their timed steps, job failures and expiries are scheduled again from when
    // their current steps applied. Each job must name its feature, plan and input, and its
    // providers' shown steps must point into its plan or forced steps (the snapshot reader's
    // work). Launch order is kept among the imported jobs, after every job already here.
    void import_jobs(std::string_view into, tenant_jobs part);

    // True when no job waits for a timed step or a timed job failure (poll-count steps and
    // expiries do not count): time alone would change nothing more.
    bool settled();

    // The same for one tenant's jobs.
    bool settled_of(std::string_view tenant);

    // Applies every timeline entry due at the clock's current time.
    void run_due() override;

    std::optional<scheduling::instant> next_due() override;

    // The earliest step or job failure: expiries are housekeeping, not worth skipping time to.
    std::optional<scheduling::instant> next_skip_target() override;

    // The tenant's earliest due entry, in the tenant's time.
    std::optional<scheduling::instant> next_due_of(std::string_view tenant);

    std::size_t job_count();

    // Jobs by the status a GET would show now, indexed by job_status.
    std::array<std::size_t, 3> status_counts();

    // The emulator's clock (a tenant's may be ahead of it: tenant_clocks).
    scheduling::clock& clock() { return clocks_.base(); }

private:
    // What a timeline entry does to job `id`.
    enum class change : std::uint8_t {
        step,        // apply step `step` of provider `provider`
        job_failure, // apply the scenario's job_failure
        expiry,      // delete the ended job (the scenario's expire_after)
    };

    struct transition {
        job_id id;
        change what = change::step;
        std::uint16_t provider = 0;
        std::uint16_t step = 0;
    };

    // Applies every entry due by its tenant's clock.
    void run_due_locked();

    // Whether the job waits for a timed step or a timed job failure.
    static bool waits_for_time(const job& j);

    void apply(std::string_view tenant, const scheduling::timeline_entry<transition>& entry);

    // Schedules what the job waits for by time: its next timed steps, its job failure, its
    // expiry (an imported job).
    void rearm(job& j);

    // Schedules the provider's next step when it is timed, `after` counted from `from`.
    void arm_step(job& j, std::uint16_t provider, scheduling::instant from);

    // Makes `shown` the provider's current step at `at`, then arms the next one.
    void
    show_step(job& j, std::uint16_t provider, const scenario::step& shown, scheduling::instant at);

    // One GET of the job: moves poll-driven sub-jobs and steps that wait for polls.
    void count_poll(job& j, scheduling::instant now);

    // The scenario's job_failure, when the job is still processing: the job fails and its
    // providers still processing show the failure.
    void fail_job(job& j);

    // Called after any change of the job's providers: the first time the job is finished or
    // failed, records when, and schedules its expiry.
    void note_end(job& j, scheduling::instant at);

    // A job's key: jobs of one id may live in several tenants (a snapshot forked).
    struct job_key {
        const std::string* tenant = nullptr; // node of tenants_
        job_id id;

        bool operator==(const job_key&) const = default;
    };

    struct job_key_hash {
        std::size_t operator()(const job_key& key) const {
            return std::hash<job_id>{}(key.id) ^ (std::hash<const void*>{}(key.tenant) << 1U);
        }
    };

    // The job, or nullptr.
    job* lookup(std::string_view tenant, const job_id& id);

    // The tenant's job, or with "" the first launched of that id in any tenant; or nullptr.
    job* lookup_any(const job_id& id, std::string_view tenant);

    // Adds the job to the store (not to the launch order).
    job& insert(job created);

    // Deletes the job and its place in the launch order.
    void erase(const job& j);

    // Deletes the job from the store only (the caller handles the launch order).
    void drop(const job& j);

    // Whether GET and the list still show the ended job as processing (the scenario's
    // webhook.early: the webhook goes out before the end is visible).
    static bool hides_end(const job& j, scheduling::instant now);

    // Hands the jobs that ended to the end callback; called by every public member after it
    // released the lock (see end_publisher).
    void publish_ended();

    // Publishes ended jobs when it goes out of scope: declared before the lock guard, so it
    // runs after the lock is released.
    struct end_publisher {
        job_service& service;

        ~end_publisher() { service.publish_ended(); }
    };

    // A tenant (the key, whose address jobs keep) and its id counter.
    using tenant_entry = std::pair<const std::string, std::uint64_t>;

    tenant_entry& tenant_of(std::string_view tenant);

    job_id fresh_id(tenant_entry& tenant);

    // The tenant's job in that scope, or nullptr (unknown, another tenant's, out of scope).
    job* visible(std::string_view tenant, const job_scope& scope, const job_id& id);

    // The snapshot a GET shows at `now`: processing while the scenario hides the end.
    job_snapshot shown_at(const job& j, scheduling::instant now) const;

    std::vector<job_id>& jobs_of(std::string_view tenant, const features::feature_spec& feature);

    std::mutex mutex_;
    scheduling::tenant_clocks& clocks_;
    std::uint64_t seed_;
    std::uint64_t launches_ = 0; // jobs launched, for launch_seq
    list_mode mode_;
    std::optional<scheduling::duration> v3_retention_;
    std::function<void()> on_schedule_;
    end_callback on_end_;
    change_callback on_change_;

    // Calls on_change_ for the job (nullptr: the tenant's counter); lock held.
    void changed(const std::string* tenant, const job_id* id) const {
        if (on_change_) {
            on_change_(*tenant, id);
        }
    }

    std::vector<std::pair<job_snapshot, scheduling::instant>> ended_; // not yet published
    std::map<std::string, std::uint64_t, std::less<>> tenants_;       // tenant -> ids drawn
    std::unordered_map<job_key, job, job_key_hash> jobs_;
    std::unordered_multimap<job_id, const std::string*> owners_; // tenants holding each id
    // Launch order per (tenant, feature), for listing and deleting.
    std::map<std::pair<const std::string*, const features::feature_spec*>, std::vector<job_id>>
        order_;
    scheduling::tenant_timelines<transition> timeline_; // steps and job failures
    scheduling::tenant_timelines<transition> expiries_; // apart, so the auto clock skips past them
};

} // namespace emu::jobs
