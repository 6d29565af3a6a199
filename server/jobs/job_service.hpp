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

// The job store and its state machine. Thread-safe: every public member takes one lock, and
// due timeline entries are applied first, so every answer reflects the clock's current time.
// Each tenant's jobs live on that tenant's clock (tenant_clocks), the emulator's unless asked.
class job_service final : public scheduling::due_source {
public:
    job_service(scheduling::tenant_clocks& clocks, std::uint64_t seed, list_mode mode);

    // Called after a launch scheduled new entries, so a timer can re-arm (real clock).
    void on_schedule(std::function<void()> callback);

    // Called once per job when it first ends (finished or failed), with the job as it ended
    // and when; outside the service's lock, so the callback may call the service.
    using end_callback = std::function<void(const job_snapshot& job, scheduling::instant at)>;
    void on_end(end_callback callback);

    // Starts a job that follows `plan` (the scenario chosen for it).
    job_id launch(std::string_view tenant,
                  const features::feature_spec& feature,
                  const std::vector<requested_provider>& providers,
                  std::shared_ptr<const job_input> input,
                  std::shared_ptr<const scenario::scenario> plan);

    // Asked under the lock with the polled job's scenario before a GET counts; false stops the
    // GET: no poll is counted and get() returns nullopt (the API layer's faults use it).
    using poll_gate = std::function<bool(const scenario::scenario& plan)>;

    // The tenant's job of that feature, or nullopt (unknown id, other tenant, other feature, or
    // stopped by `gate`). Counts one GET of the job.
    std::optional<job_snapshot> get(std::string_view tenant,
                                    const features::feature_spec& feature,
                                    const job_id& id,
                                    const poll_gate& gate = nullptr);

    // Shows `forced` on the job's provider (every provider when empty) from now on, ending its
    // timeline. Nullopt for an unknown job; the caller checks the provider name.
    std::optional<job_snapshot>
    force(const job_id& id, std::string_view provider, scenario::step forced);

    // Any tenant's job: for media URLs, which carry no credentials (like pre-signed URLs).
    std::optional<job_snapshot> find(const job_id& id);

    // The tenant's jobs of that feature, oldest first.
    std::vector<job_summary> list(std::string_view tenant, const features::feature_spec& feature);

    // Deletes the tenant's jobs of that feature; returns how many.
    std::size_t remove_all(std::string_view tenant, const features::feature_spec& feature);

    // Deletes every job of one tenant and their pending steps (other tenants' jobs, and the
    // tenant's id sequence, are untouched), or with "" every job of every tenant; returns how
    // many.
    std::size_t reset(std::string_view tenant);

    // Whether the job exists (any tenant); applies nothing, calls nothing.
    bool exists(const job_id& id);

    // True when no job waits for a timed step or a timed job failure (poll-count steps and
    // expiries do not count): time alone would change nothing more.
    bool settled();

    // The same for one tenant's jobs.
    bool settled_of(std::string_view tenant);

    // Applies every timeline entry due at the clock's current time.
    void run_due() override;

    std::optional<scheduling::instant> next_due() override;

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

    void apply(const scheduling::timeline_entry<transition>& entry);

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

    // Deletes the job and its place in the launch order.
    void erase(const job_id& id);

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

    job_snapshot snapshot(const job& j) const;

    std::vector<job_id>& jobs_of(std::string_view tenant, const features::feature_spec& feature);

    std::mutex mutex_;
    scheduling::tenant_clocks& clocks_;
    std::uint64_t seed_;
    list_mode mode_;
    std::function<void()> on_schedule_;
    end_callback on_end_;
    std::vector<std::pair<job_snapshot, scheduling::instant>> ended_; // not yet published
    std::map<std::string, std::uint64_t, std::less<>> tenants_;       // tenant -> ids drawn
    std::unordered_map<job_id, job> jobs_;
    // Launch order per (tenant, feature), for listing and deleting.
    std::map<std::pair<const std::string*, const features::feature_spec*>, std::vector<job_id>>
        order_;
    scheduling::tenant_timelines<transition> timeline_;
};

} // namespace emu::jobs
