#include "server/webhooks/webhook_dispatcher.hpp"

#include "fake_providers/deterministic.hpp"
#include "server/jobs/job_id.hpp"
#include "server/support/log.hpp"
#include "server/webhooks/webhook_signature.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <thread>
#include <utility>

namespace emu::webhooks {
namespace {

// The delivery id: a uuid4 text derived from the seed and a counter, so runs repeat.
std::string delivery_id_for(std::uint64_t seed, std::uint64_t counter) {
    const jobs::job_id id{(fake::mix(seed ^ 0x77656268ULL, counter) & ~0xf000ULL) | 0x4000ULL,
                          (fake::mix(counter, seed) & 0x3fffffffffffffffULL) |
                              0x8000000000000000ULL};
    return id.to_string();
}

std::string seconds_text(scheduling::duration span) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(span).count();
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + "s" : std::to_string(ms) + "ms";
}

bool is_v3(const jobs::job_snapshot& job) {
    return job.feature->api == features::api_version::v3;
}

// The time an attempt of the job's delivery may take, and the flag that sets it.
std::pair<scheduling::duration, std::string_view> attempt_timeout(const webhook_settings& settings,
                                                                  bool v3) {
    return v3 ? std::pair{settings.v3_attempt_timeout, std::string_view{"--v3-webhook-timeout"}}
              : std::pair{settings.attempt_timeout, std::string_view{"--webhook-timeout"}};
}

} // namespace

scheduling::duration retry_delay(const webhook_settings& settings, std::uint32_t retry) {
    auto delay = settings.backoff;
    for (std::uint32_t i = 1; i < retry && delay < settings.backoff_cap; ++i) {
        delay *= 2;
    }
    return std::min(delay, settings.backoff_cap);
}

webhook_dispatcher::webhook_dispatcher(scheduling::tenant_clocks& clocks,
                                       jobs::job_service& jobs,
                                       http_sender& sender,
                                       signing_key_source& keys,
                                       webhook_settings settings,
                                       body_renderer render,
                                       std::uint64_t seed)
    : clocks_(clocks)
    , jobs_(jobs)
    , sender_(sender)
    , keys_(keys)
    , settings_(std::move(settings))
    , hosts_(settings_.allow, settings_.deny, settings_.strict)
    , render_(std::move(render))
    , seed_(seed)
    , journal_(settings_.journal_size)
    , self_(std::make_shared<webhook_dispatcher*>(this))
    , signers_(std::max(1U, std::thread::hardware_concurrency())) {}

webhook_dispatcher::~webhook_dispatcher() = default;

void webhook_dispatcher::on_schedule(std::function<void()> callback) {
    std::lock_guard lock{mutex_};
    on_schedule_ = std::move(callback);
}

void webhook_dispatcher::add_work(delivery& d) {
    if (d.work++ == 0) {
        idle_.erase(d.rank);
    }
}

void webhook_dispatcher::end_work(delivery& d) {
    if (--d.work == 0) {
        idle_.insert(d.rank);
    }
}

webhook_dispatcher::delivery& webhook_dispatcher::add_delivery(delivery d) {
    d.rank = ++ranks_;
    d.work = 0;
    delivery_order_.emplace(d.rank, d.id);
    idle_.insert(d.rank);
    const auto id = d.id;
    if (const auto old = deliveries_.find(id); old != deliveries_.end()) {
        delivery_order_.erase(old->second.rank);
        idle_.erase(old->second.rank);
    }
    return deliveries_.insert_or_assign(id, std::move(d)).first->second;
}

void webhook_dispatcher::schedule(delivery& d, scheduling::instant due, planned what) {
    if (what.what == planned::action::send) {
        add_work(d);
    }
    changed(d.tenant);
    timeline_.schedule(d.tenant, due, std::move(what));
}

void webhook_dispatcher::job_ended(const jobs::job_snapshot& job, scheduling::instant at) {
    if (job.input->webhook_receiver.empty()) {
        return;
    }
    std::function<void()> notify;
    {
        std::lock_guard lock{mutex_};
        delivery d;
        d.id = delivery_id_for(seed_, ++counter_);
        d.job = job;
        d.tenant = job.tenant != nullptr ? *job.tenant : std::string{};
        d.url = job.input->webhook_receiver;
        d.plan = job.plan->webhook;
        d.next_label = d.plan.out_of_order ? 2 : 1;
        d.duplicates_left = d.plan.duplicates;
        d.late_copy = d.plan.out_of_order;
        const auto first_at = at + d.plan.delay;
        auto& added = add_delivery(std::move(d));
        schedule(added, first_at, planned{planned::action::send, added.id, attempt_kind::first});
        forget_old_deliveries();
        notify = on_schedule_;
    }
    if (notify) {
        notify();
    }
}

void webhook_dispatcher::forget_old_deliveries() {
    // Beyond the journal's size the oldest idle deliveries are forgotten: they can no longer
    // be redelivered. Deliveries with attempts scheduled or in flight are kept.
    while (deliveries_.size() > settings_.journal_size && !idle_.empty()) {
        const auto oldest = delivery_order_.find(*idle_.begin());
        deliveries_.erase(oldest->second);
        delivery_order_.erase(oldest);
        idle_.erase(idle_.begin());
    }
}

std::optional<scheduling::instant> webhook_dispatcher::next_due() {
    std::lock_guard lock{mutex_};
    drop_stale_timeouts();
    return timeline_.next_due(clocks_);
}

std::optional<scheduling::instant> webhook_dispatcher::next_due_of(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    drop_stale_timeouts();
    return timeline_.next_due_of(tenant);
}

void webhook_dispatcher::drop_stale_timeouts() {
    // Timeouts of attempts answered in time stay queued; dropped when they come first, so the
    // next due time (which the auto clock may jump to) is a real one.
    timeline_.for_each([this](std::string_view, scheduling::timeline<planned>& line) {
        while (const auto* top = line.peek()) {
            if (top->payload.what != planned::action::timeout ||
                in_flight_.contains(top->payload.seq)) {
                return;
            }
            line.pop_due(top->due);
        }
    });
}

bool webhook_dispatcher::idle_of(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    return std::none_of(in_flight_.begin(),
                        in_flight_.end(),
                        [tenant](const auto& entry) { return entry.second.tenant == tenant; }) &&
           std::none_of(deliveries_.begin(), deliveries_.end(), [tenant](const auto& entry) {
               return entry.second.tenant == tenant && entry.second.work > 0;
           });
}

bool webhook_dispatcher::idle() {
    std::lock_guard lock{mutex_};
    return in_flight_.empty() && idle_.size() == deliveries_.size();
}

void webhook_dispatcher::run_due() {
    std::lock_guard lock{mutex_};
    run_due_locked();
}

void webhook_dispatcher::run_due_locked() {
    timeline_.run_due(clocks_, [this](std::string_view, const auto& entry) {
        if (entry.payload.what == planned::action::timeout) {
            time_out(entry.payload.seq);
        } else {
            send(entry);
        }
    });
}

attempt_record
webhook_dispatcher::new_record(const delivery& d, attempt_kind kind, scheduling::instant due) {
    attempt_record record;
    record.delivery_id = d.id;
    record.job_id = d.job.id.to_string();
    record.tenant = d.job.tenant != nullptr ? *d.job.tenant : std::string{};
    record.feature = std::string{d.job.feature->path};
    record.kind = kind;
    record.url = d.url;
    record.scheduled_at = due;
    return record;
}

std::vector<std::pair<std::string, std::string>>
webhook_dispatcher::headers_for(const delivery& d, std::uint32_t label) {
    // v3: the headers of Eden's v3 webhooks page, in its order (v3/API-NOTES-v3 §8); v2: Eden's
    // lower-case signature headers (API-NOTES Part 1) and edenmock's own User-Agent.
    const bool v3 = is_v3(d.job);
    std::vector<std::pair<std::string, std::string>> headers{
        {"Content-Type", "application/json"},
        {"User-Agent", v3 ? "EdenAI/Ai-Features" : settings_.user_agent},
    };
    if (v3) {
        headers.emplace_back("X-Edenai-Webhook", "true");
    }
    if (settings_.signing || d.plan.corrupt_signature) {
        auto signature = settings_.signing ? *d.signature : std::string(512, '0');
        if (d.plan.corrupt_signature) {
            signature.front() = signature.front() == '0' ? '1' : '0';
        }
        if (v3) {
            headers.emplace_back("X-Edenai-Signature", std::move(signature));
            headers.emplace_back("X-Edenai-Hash-Algorithm", "SHA256");
        } else {
            headers.emplace_back("x-edenai-hash-algorithm", "SHA256");
            headers.emplace_back("x-edenai-signature", std::move(signature));
        }
    }
    headers.emplace_back("x-edenmock-delivery-id", d.id);
    headers.emplace_back("x-edenmock-attempt", std::to_string(label));
    return headers;
}

void webhook_dispatcher::send(const scheduling::timeline_entry<planned>& entry) {
    const auto found = deliveries_.find(entry.payload.delivery_id);
    if (found == deliveries_.end()) {
        return; // forgotten or reset since it was scheduled
    }
    auto& d = found->second;
    end_work(d); // this scheduled attempt is now handled; a sent one counts again until answered
    changed(d.tenant);
    const auto kind = entry.payload.kind;
    auto record = new_record(d, kind, entry.due);
    const auto now = clocks_.now(d.tenant);
    // Attempts that are not sent: recorded with why, and nothing follows them.
    if (!jobs_.exists(d.job.id, d.tenant) && kind != attempt_kind::redelivery) {
        record.status = attempt_status::cancelled;
        record.error = "the job was deleted before its webhook was sent";
    } else if (d.plan.drop && kind == attempt_kind::first) {
        record.status = attempt_status::dropped;
        record.error = "dropped by the scenario's webhook.drop";
    } else if (auto refusal = hosts_.refusal(d.url); !refusal.empty()) {
        record.status = attempt_status::blocked;
        record.error = std::move(refusal);
    }
    if (record.status != attempt_status::in_flight) {
        ++attempt_totals_[static_cast<std::size_t>(record.status)];
        record.completed_at = now;
        journal_.add(std::move(record));
        settled_.notify_all();
        forget_old_deliveries();
        return;
    }
    add_work(d);
    record.attempt = kind == attempt_kind::late ? 1 : d.next_label++;
    record.sent_at = now;
    const auto label = record.attempt;
    const auto seq = journal_.add(std::move(record));
    const auto timeout_at = now + attempt_timeout(settings_, is_v3(d.job)).first;
    pending_attempt attempt{0, d.id, d.tenant, kind, timeout_at, is_v3(d.job)};
    attempt.label = label;
    in_flight_.emplace(seq, std::move(attempt));
    schedule(d, timeout_at, planned{planned::action::timeout, {}, kind, seq});
    if (d.body && (d.signature || !settings_.signing)) {
        transmit_locked(seq, d);
        return;
    }
    d.waiting.push_back(seq);
    prepare(d);
}

void webhook_dispatcher::prepare(delivery& d) {
    if (d.preparing) {
        return;
    }
    d.preparing = true;
    ++preparing_;
    // v3 always signs the digest; --webhook-signature body is for v2 receivers only.
    const auto scheme = is_v3(d.job) ? signature_scheme::digest : settings_.signature;
    boost::asio::post(signers_,
                      [this,
                       id = d.id,
                       rank = d.rank,
                       job = d.job,
                       body = d.body,
                       sign = settings_.signing,
                       scheme]() mutable {
                          if (!body) {
                              body = std::make_shared<const std::string>(render_(job));
                          }
                          std::shared_ptr<const std::string> signature;
                          if (sign) {
                              signature = std::make_shared<const std::string>(
                                  webhook_signature(keys_.key(), *body, scheme));
                          }
                          prepared(id, rank, std::move(body), std::move(signature));
                      });
}

void webhook_dispatcher::prepared(const std::string& delivery_id,
                                  std::uint64_t rank,
                                  std::shared_ptr<const std::string> body,
                                  std::shared_ptr<const std::string> signature) {
    std::function<void()> notify;
    {
        std::lock_guard lock{mutex_};
        --preparing_;
        signed_.notify_all();
        const auto found = deliveries_.find(delivery_id);
        if (found == deliveries_.end() || found->second.rank != rank) {
            return; // forgotten or reset meanwhile
        }
        auto& d = found->second;
        d.preparing = false;
        d.body = std::move(body);
        d.signature = std::move(signature);
        changed(d.tenant);
        for (const auto seq : std::exchange(d.waiting, {})) {
            const auto attempt = in_flight_.find(seq);
            if (attempt == in_flight_.end()) {
                continue; // reset meanwhile
            }
            if (attempt->second.timed_out) {
                // Its time ran out on the emulator's clock before it could be sent.
                outbound_result result;
                result.error = "cancelled: " + timeout_reason(attempt->second);
                complete_locked(seq, result);
                continue;
            }
            transmit_locked(seq, d);
        }
        notify = on_schedule_;
    }
    if (notify) {
        notify();
    }
}

void webhook_dispatcher::transmit_locked(std::uint64_t seq, delivery& d) {
    auto& attempt = in_flight_.at(seq);
    auto headers = headers_for(d, attempt.label);
    if (auto* record = journal_.find(seq)) {
        record->headers = headers;
        record->body = d.body;
        record->sent_at = clocks_.now(d.tenant); // later than due when it waited for signing
    }
    const std::weak_ptr<webhook_dispatcher*> alive = self_;
    attempt.transmitted = true;
    attempt.sender_id =
        sender_.send(outbound_request{d.url, std::move(headers), *d.body, settings_.strict},
                     [alive, seq](const outbound_result& result) {
                         if (const auto self = alive.lock()) {
                             (*self)->completed(seq, result);
                         }
                     });
}

void webhook_dispatcher::time_out(std::uint64_t seq) {
    const auto found = in_flight_.find(seq);
    if (found == in_flight_.end()) {
        return; // answered in time
    }
    found->second.timed_out = true;
    if (found->second.transmitted) {
        sender_.cancel(found->second.sender_id, timeout_reason(found->second));
    } // else: cancelled once prepared, as its delivery's waiting attempts are
}

std::string webhook_dispatcher::timeout_reason(const pending_attempt& attempt) const {
    const auto [timeout, flag] = attempt_timeout(settings_, attempt.v3);
    return "timed out after " + seconds_text(timeout) + " (" + std::string{flag} + ")";
}

void webhook_dispatcher::completed(std::uint64_t seq, const outbound_result& result) {
    std::function<void()> notify;
    {
        std::lock_guard lock{mutex_};
        complete_locked(seq, result);
        notify = on_schedule_;
    }
    if (notify) {
        notify();
    }
}

void webhook_dispatcher::complete_locked(std::uint64_t seq, const outbound_result& result) {
    {
        const auto found = in_flight_.find(seq);
        if (found == in_flight_.end()) {
            return; // reset meanwhile
        }
        const auto attempt = std::move(found->second);
        in_flight_.erase(found);
        changed(attempt.tenant);
        settled_.notify_all();
        const auto ended = attempt.timed_out ? attempt.timeout_at : clocks_.now(attempt.tenant);
        const bool delivered = result.error.empty() && result.status >= 200 && result.status < 300;
        // 4xx answers and refused hosts are final; 5xx, other statuses, timeouts and network
        // errors retry.
        const bool final_answer =
            result.refused || (result.error.empty() && result.status >= 400 && result.status < 500);
        const auto status = delivered        ? attempt_status::delivered
                            : result.refused ? attempt_status::blocked
                                             : attempt_status::failed;
        ++attempt_totals_[static_cast<std::size_t>(status)];
        auto* record = journal_.find(seq);
        if (record != nullptr) {
            record->completed_at = ended;
            record->status = status;
            record->response_status = result.error.empty() ? result.status : 0;
            record->response_excerpt = result.body_excerpt;
            record->error =
                result.refused ? result.error + ", refused by --webhook-strict" : result.error;
        }
        const auto d = deliveries_.find(attempt.delivery_id);
        if (d == deliveries_.end()) {
            return;
        }
        end_work(d->second);
        const bool in_sequence = attempt.kind == attempt_kind::first ||
                                 attempt.kind == attempt_kind::retry ||
                                 attempt.kind == attempt_kind::redelivery;
        if (in_sequence && !delivered && !final_answer && d->second.failures < settings_.retries) {
            const auto retry_at = ended + retry_delay(settings_, ++d->second.failures);
            if (record != nullptr) {
                record->retry_at = retry_at;
            }
            schedule(d->second,
                     retry_at,
                     planned{planned::action::send, d->second.id, attempt_kind::retry});
        } else {
            if (in_sequence) {
                d->second.failures = 0;
            }
            send_extras(d->second, ended);
        }
        forget_old_deliveries();
        // What follows may be due already (a duplicate, a zero backoff): send it now, since a
        // manual clock does not move by itself, and before waiters see the attempt settled.
        run_due_locked();
    }
}

void webhook_dispatcher::send_extras(delivery& d, scheduling::instant from) {
    if (d.duplicates_left > 0) {
        --d.duplicates_left;
        schedule(d, from, planned{planned::action::send, d.id, attempt_kind::duplicate});
    } else if (d.late_copy) {
        d.late_copy = false;
        schedule(d, from, planned{planned::action::send, d.id, attempt_kind::late});
    }
}

void webhook_dispatcher::wait_for_signers(std::unique_lock<std::mutex>& lock) {
    // Bounded: the pool always finishes what it started, unless it stopped at destruction.
    signed_.wait_for(lock, std::chrono::seconds{10}, [this] { return preparing_ == 0; });
}

std::vector<attempt_record> webhook_dispatcher::journal(const journal_filter& filter) {
    std::unique_lock lock{mutex_};
    wait_for_signers(lock);
    return journal_.select(filter);
}

std::size_t webhook_dispatcher::journal_count(const journal_filter& filter) {
    std::lock_guard lock{mutex_};
    return journal_.count(filter);
}

std::uint64_t webhook_dispatcher::journal_dropped() {
    std::lock_guard lock{mutex_};
    return journal_.dropped();
}

bool webhook_dispatcher::redeliver(const std::string& delivery_id) {
    std::function<void()> notify;
    {
        std::lock_guard lock{mutex_};
        const auto found = deliveries_.find(delivery_id);
        if (found == deliveries_.end()) {
            return false;
        }
        found->second.failures = 0;
        schedule(found->second,
                 clocks_.now(found->second.tenant),
                 planned{planned::action::send, delivery_id, attempt_kind::redelivery});
        notify = on_schedule_;
    }
    run_due();
    if (notify) {
        notify();
    }
    return true;
}

void webhook_dispatcher::reset(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    if (tenant.empty()) {
        for (const auto& [seq, attempt] : in_flight_) {
            sender_.cancel(attempt.sender_id, "the emulator was reset");
        }
        in_flight_.clear();
        deliveries_.clear();
        delivery_order_.clear();
        idle_.clear();
        timeline_.clear();
        journal_.clear();
        attempt_totals_ = {};
        settled_.notify_all();
        return;
    }
    std::erase_if(in_flight_, [&](const auto& entry) {
        if (entry.second.tenant != tenant) {
            return false;
        }
        sender_.cancel(entry.second.sender_id, "the tenant was reset");
        return true;
    });
    std::erase_if(deliveries_, [&](const auto& entry) { return entry.second.tenant == tenant; });
    std::erase_if(delivery_order_, [this](const auto& entry) {
        if (deliveries_.contains(entry.second)) {
            return false;
        }
        idle_.erase(entry.first);
        return true;
    });
    timeline_.erase(tenant);
    journal_.remove_tenant(tenant);
    settled_.notify_all();
}

std::array<std::uint64_t, 6> webhook_dispatcher::attempt_totals() {
    std::lock_guard lock{mutex_};
    return attempt_totals_;
}

std::size_t webhook_dispatcher::in_flight() {
    std::lock_guard lock{mutex_};
    return in_flight_.size();
}

bool webhook_dispatcher::wait_until_settled(std::chrono::milliseconds timeout) {
    std::unique_lock lock{mutex_};
    return settled_.wait_for(lock, timeout, [this] { return in_flight_.empty(); });
}

std::string webhook_dispatcher::public_key_pem() {
    return keys_.key().public_key_pem();
}

webhook_dispatcher::saved_webhooks webhook_dispatcher::counters() {
    std::lock_guard lock{mutex_};
    saved_webhooks saved;
    saved.deliveries_made = counter_;
    saved.next_journal_seq = journal_.next_seq();
    saved.journal_dropped = journal_.dropped();
    saved.attempt_totals = attempt_totals_;
    return saved;
}

webhook_dispatcher::saved_webhooks webhook_dispatcher::export_state(std::string_view tenant) {
    auto saved = counters();
    std::unique_lock lock{mutex_};
    wait_for_signers(lock);
    journal_filter filter;
    filter.tenant = std::string{tenant};
    saved.journal = journal_.select(filter);
    for (const auto& [rank, id] : delivery_order_) {
        const auto found = deliveries_.find(id);
        if (found == deliveries_.end() || (!tenant.empty() && found->second.tenant != tenant)) {
            continue;
        }
        const auto& d = found->second;
        saved_delivery kept{d.id,
                            d.tenant,
                            d.job,
                            d.url,
                            d.body,
                            d.next_label,
                            d.failures,
                            d.duplicates_left,
                            d.late_copy,
                            {},
                            {}};
        for (const auto& entry : timeline_.entries_of(d.tenant)) {
            if (entry.payload.what == planned::action::send && entry.payload.delivery_id == d.id) {
                kept.sends.emplace_back(entry.payload.kind, entry.due);
            }
        }
        for (const auto& [seq, attempt] : in_flight_) {
            if (attempt.delivery_id == d.id) {
                kept.in_flight.push_back(seq);
            }
        }
        std::sort(kept.in_flight.begin(), kept.in_flight.end());
        saved.deliveries.push_back(std::move(kept));
    }
    return saved;
}

void webhook_dispatcher::import_state(std::string_view into, saved_webhooks saved) {
    std::function<void()> notify;
    {
        std::lock_guard lock{mutex_};
        const bool fork = !into.empty();
        // A fork's deliveries get fresh ids, and its journal records fresh seqs.
        std::unordered_map<std::string, std::string> ids;
        std::unordered_map<std::uint64_t, std::uint64_t> seqs;
        if (fork) {
            for (const auto& kept : saved.deliveries) {
                ids.emplace(kept.id, delivery_id_for(seed_, ++counter_));
            }
            for (auto& record : saved.journal) {
                const auto old_seq = record.seq;
                if (const auto renamed = ids.find(record.delivery_id); renamed != ids.end()) {
                    record.delivery_id = renamed->second;
                }
                record.tenant = std::string{into};
                seqs.emplace(old_seq, journal_.add(std::move(record)));
            }
        } else {
            counter_ = std::max(counter_, saved.deliveries_made);
            attempt_totals_ = saved.attempt_totals;
            journal_.restore(
                std::move(saved.journal), saved.next_journal_seq, saved.journal_dropped);
        }
        for (auto& kept : saved.deliveries) {
            delivery d;
            d.id = fork ? ids.at(kept.id) : kept.id;
            d.tenant = fork ? std::string{into} : kept.tenant;
            d.job = std::move(kept.job);
            d.job.tenant = jobs_.tenant_key(d.tenant);
            d.url = std::move(kept.url);
            d.plan = d.job.plan->webhook;
            d.body = std::move(kept.body);
            d.next_label = kept.next_label;
            d.failures = kept.failures;
            d.duplicates_left = kept.duplicates_left;
            d.late_copy = kept.late_copy;
            const auto id = d.id;
            auto& added = add_delivery(std::move(d));
            for (const auto& [kind, due] : kept.sends) {
                schedule(added, due, planned{planned::action::send, id, kind});
            }
            // Nobody will answer what was in flight: it failed, and the retry rules apply.
            for (const auto old_seq : kept.in_flight) {
                const auto renumbered = seqs.find(old_seq);
                if (fork && renumbered == seqs.end()) {
                    continue; // its journal record was dropped: nothing to retry it from
                }
                const auto seq = fork ? renumbered->second : old_seq;
                add_work(added);
                in_flight_.emplace(
                    seq,
                    pending_attempt{
                        0, id, added.tenant, attempt_kind::first, {}, is_v3(added.job)});
                if (const auto* record = journal_.find(seq)) {
                    in_flight_.at(seq).kind = record->kind;
                }
                outbound_result interrupted;
                interrupted.error = "no answer: edenmock stopped or was restored while the "
                                    "attempt was in flight";
                complete_locked(seq, interrupted);
            }
        }
        run_due_locked();
        notify = on_schedule_;
    }
    if (notify) {
        notify();
    }
}

} // namespace emu::webhooks
