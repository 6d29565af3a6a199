#pragma once

#include "server/jobs/job_service.hpp"
#include "server/scheduling/due_source.hpp"
#include "server/scheduling/tenant_clocks.hpp"
#include "server/scheduling/tenant_timelines.hpp"
#include "server/webhooks/delivery_journal.hpp"
#include "server/webhooks/host_filter.hpp"
#include "server/webhooks/http_sender.hpp"
#include "server/webhooks/signing_key.hpp"
#include "server/webhooks/webhook_settings.hpp"

#include <boost/asio/thread_pool.hpp>

#include <array>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

namespace emu::webhooks {

// The webhook engine: one delivery per job that ends with a webhook_receiver, sent, retried and
// timed out on the emulator's timeline (so a manual clock drives it exactly), misbehaving as
// the job's scenario says, and journaled. Headers, signature and attempt timeout follow the
// API of the job's feature (v2 or v3); the body is the renderer's, signed as sent. Thread-safe: one
// lock guards its state; it calls the job service (lock order: dispatcher, then jobs) and never the
// other way round.
class webhook_dispatcher final : public scheduling::due_source {
public:
    // Renders the body of a job's webhook (see webhook_body; v3 bodies in canonical JSON).
    using body_renderer = std::function<std::string(const jobs::job_snapshot&)>;

    webhook_dispatcher(scheduling::tenant_clocks& clocks,
                       jobs::job_service& jobs,
                       http_sender& sender,
                       signing_key_source& keys,
                       webhook_settings settings,
                       body_renderer render,
                       std::uint64_t seed);

    ~webhook_dispatcher() override;

    webhook_dispatcher(const webhook_dispatcher&) = delete;
    webhook_dispatcher& operator=(const webhook_dispatcher&) = delete;

    // Called with the tenant whose deliveries or journal records changed (for the state file,
    // which renders them later); under the dispatcher's lock, so it must only note the change.
    // Set before serving.
    void on_change(std::function<void(std::string_view tenant)> callback) {
        on_change_ = std::move(callback);
    }

    // Called after something was scheduled, so a timer can re-arm (real clock).
    void on_schedule(std::function<void()> callback);

    // The job service's end callback: schedules the job's delivery if it has a receiver.
    void job_ended(const jobs::job_snapshot& job, scheduling::instant at);

    std::optional<scheduling::instant> next_due() override;

    void run_due() override;

    // The earliest due entry of the tenant's deliveries, in the tenant's time.
    std::optional<scheduling::instant> next_due_of(std::string_view tenant);

    // The journal's matching attempts, oldest first, and how many it dropped.
    std::vector<attempt_record> journal(const journal_filter& filter);
    std::uint64_t journal_dropped();

    // How many journal attempts match (await polls this; nothing is copied).
    std::size_t journal_count(const journal_filter& filter);

    // Sends the delivery again now, as attempt "redelivery" followed by retries if it fails.
    // False for an unknown (or forgotten) delivery id.
    bool redeliver(const std::string& delivery_id);

    // Forgets the deliveries of one tenant's jobs and their journal records, their attempts in
    // flight cancelled, while other tenants' deliveries go on; with "", every delivery, the
    // journal and the attempt totals.
    void reset(std::string_view tenant);

    // Attempts sent and not yet answered.
    std::size_t in_flight();

    // Attempts that reached each outcome since start or the last reset, indexed by
    // attempt_status (in_flight stays 0); unlike the journal, never dropped.
    std::array<std::uint64_t, 6> attempt_totals();

    // True when no attempt is scheduled or in flight.
    bool idle();

    // The same for one tenant's deliveries.
    bool idle_of(std::string_view tenant);

    // Waits until no attempt is in flight; false when `timeout` passes first.
    bool wait_until_settled(std::chrono::milliseconds timeout);

    // The public key deliveries are signed with, as PEM.
    std::string public_key_pem();

    // One delivery as a snapshot keeps it: what was sent and what remains to send.
    struct saved_delivery {
        std::string id;
        std::string tenant;
        jobs::job_snapshot job; // as it ended
        std::string url;
        std::shared_ptr<const std::string> body; // null until the first send
        std::uint32_t next_label = 1;
        std::uint32_t failures = 0;
        std::uint32_t duplicates_left = 0;
        bool late_copy = false;
        std::vector<std::pair<attempt_kind, scheduling::instant>> sends; // scheduled, due order
        std::vector<std::uint64_t> in_flight; // journal seqs of attempts sent, not answered
    };

    // The deliveries and journal of every tenant, or of one; the counters are the emulator's.
    struct saved_webhooks {
        std::vector<saved_delivery> deliveries; // oldest first
        std::vector<attempt_record> journal;    // oldest first
        std::uint64_t deliveries_made = 0;      // the delivery id counter
        std::uint64_t next_journal_seq = 1;
        std::uint64_t journal_dropped = 0;
        std::array<std::uint64_t, 6> attempt_totals{};
    };

    saved_webhooks export_state(std::string_view tenant = {});

    // The counters of export_state alone (no delivery, no record).
    saved_webhooks counters();

    // Adds `saved`'s deliveries and journal records, after a reset of what they replace: as
    // they were (`into` ""), or as tenant `into`'s (a fork: new delivery ids and journal seqs).
    // An attempt that was in flight counts as failed and is retried per the retry rules.
    void import_state(std::string_view into, saved_webhooks saved);

private:
    // One job's webhook: what to send, and what remains to be sent.
    struct delivery {
        std::string id;
        jobs::job_snapshot job; // as it ended
        std::string tenant;     // the job's: its clock times the delivery
        std::string url;
        scenario::webhook_plan plan;
        std::shared_ptr<const std::string> body; // rendered at the first send
        std::uint32_t next_label = 1;            // the next x-edenmock-attempt value
        std::uint32_t failures = 0;              // failed attempts of the current sequence
        std::uint32_t duplicates_left = 0;
        bool late_copy = false; // out_of_order: "attempt 1" still to send
        std::uint32_t work = 0; // attempts scheduled or in flight: not forgotten while set
        std::uint64_t rank = 0; // creation order: exports and forgetting go oldest first
        // The signature of body (empty when unsigned), made once: retries, duplicates and
        // redeliveries send the same bytes with the same signature.
        std::shared_ptr<const std::string> signature;
        bool preparing = false;             // body and signature being made on the pool
        std::vector<std::uint64_t> waiting; // journal seqs of attempts to transmit once ready
    };

    // What a timeline entry does.
    struct planned {
        enum class action : std::uint8_t { send, timeout };
        action what = action::send;
        std::string delivery_id;
        attempt_kind kind = attempt_kind::first;
        std::uint64_t seq = 0; // timeout: the attempt
    };

    // An attempt sent and not yet answered.
    struct pending_attempt {
        std::uint64_t sender_id = 0;
        std::string delivery_id;
        std::string tenant;
        attempt_kind kind = attempt_kind::first;
        scheduling::instant timeout_at;
        bool v3 = false; // a v3 job's delivery: --v3-webhook-timeout applies
        bool timed_out = false;
        bool transmitted = false; // handed to the sender (before: waiting for its signature)
        std::uint32_t label = 1;  // its x-edenmock-attempt value
    };

    // Puts `what` on the delivery's tenant's timeline; a send counts as work of the delivery.
    void schedule(delivery& d, scheduling::instant due, planned what);
    void run_due_locked();
    void drop_stale_timeouts();
    void send(const scheduling::timeline_entry<planned>& entry);
    void time_out(std::uint64_t seq);
    std::string timeout_reason(const pending_attempt& attempt) const;
    // Renders and signs d's body on the pool, off the lock (signing takes a core's
    // millisecond), then transmits the attempts waiting for it.
    void prepare(delivery& d);
    void prepared(const std::string& delivery_id,
                  std::uint64_t rank,
                  std::shared_ptr<const std::string> body,
                  std::shared_ptr<const std::string> signature);
    // Waits until the pool has prepared every body it was given, so that journal records and
    // exports show each attempt sent with its headers (as they were before the advance or
    // poll that sent them answered).
    void wait_for_signers(std::unique_lock<std::mutex>& lock);
    // Hands an attempt whose delivery is ready to the sender; lock held.
    void transmit_locked(std::uint64_t seq, delivery& d);
    void completed(std::uint64_t seq, const outbound_result& result);
    // What an attempt's answer (or failure) does; lock held.
    void complete_locked(std::uint64_t seq, const outbound_result& result);
    // After an attempt that ends its sequence: the scenario's duplicates, then its late copy.
    void send_extras(delivery& d, scheduling::instant from);
    attempt_record new_record(const delivery& d, attempt_kind kind, scheduling::instant due);
    std::vector<std::pair<std::string, std::string>> headers_for(const delivery& d,
                                                                 std::uint32_t label);
    void forget_old_deliveries();

    // One more attempt of d scheduled or in flight, and one of them handled; a delivery
    // without work joins the idle ones that forget_old_deliveries may drop.
    void add_work(delivery& d);
    void end_work(delivery& d);

    // Adds d (its rank given here) to the deliveries; it starts idle.
    delivery& add_delivery(delivery d);

    std::mutex mutex_;
    std::condition_variable settled_;
    std::condition_variable signed_; // a preparation ended
    std::size_t preparing_ = 0;      // deliveries on the pool
    scheduling::tenant_clocks& clocks_;
    jobs::job_service& jobs_;
    http_sender& sender_;
    signing_key_source& keys_;
    webhook_settings settings_;
    host_filter hosts_;
    body_renderer render_;
    std::uint64_t seed_;
    std::uint64_t counter_ = 0;
    std::function<void()> on_schedule_;
    std::function<void(std::string_view tenant)> on_change_;

    void changed(std::string_view tenant) const {
        if (on_change_) {
            on_change_(tenant);
        }
    }

    scheduling::tenant_timelines<planned> timeline_;
    std::unordered_map<std::string, delivery> deliveries_;
    std::map<std::uint64_t, std::string> delivery_order_; // every delivery's id by rank
    std::set<std::uint64_t> idle_; // ranks of deliveries without work, the forgettable ones
    std::uint64_t ranks_ = 0;
    std::unordered_map<std::uint64_t, pending_attempt> in_flight_;
    delivery_journal journal_;
    std::array<std::uint64_t, 6> attempt_totals_{}; // see attempt_totals()
    // Completions hold a weak reference: those arriving after destruction do nothing.
    std::shared_ptr<webhook_dispatcher*> self_;
    // Renders and signs bodies on every core; last, so it stops (its queued work dropped,
    // running work finished) before anything it uses goes.
    boost::asio::thread_pool signers_;
};

} // namespace emu::webhooks
