#pragma once

#include "server/scheduling/clock.hpp"
#include "server/support/enum_names.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::webhooks {

// Why an attempt was made.
enum class attempt_kind {
    first,      // the delivery's first attempt
    retry,      // after a failed attempt (5xx, timeout, network error)
    duplicate,  // the scenario's webhook.duplicates
    late,       // the scenario's webhook.out_of_order: attempt 1 arriving after attempt 2
    redelivery, // POST /_emulator/webhooks/<delivery_id>/redeliver
};

// Where an attempt stands.
enum class attempt_status {
    in_flight, // sent, no answer yet
    delivered, // a 2xx answer
    failed,    // a non-2xx answer, a network error or a timeout (retry_at says what follows)
    dropped,   // the scenario's webhook.drop: nothing was sent
    // --webhook-allow / --webhook-deny / --webhook-strict refused the receiver: nothing was
    // sent (sent_at is set when the refusal came from what the host name resolved to)
    blocked,
    cancelled, // the job was deleted or the emulator reset before it was sent or answered
};

inline constexpr support::enum_names<attempt_kind, 5> attempt_kind_names{
    {"first", "retry", "duplicate", "late", "redelivery"}};

inline constexpr support::enum_names<attempt_status, 6> attempt_status_names{
    {"in_flight", "delivered", "failed", "dropped", "blocked", "cancelled"}};

inline std::string_view to_string(attempt_kind kind) {
    return attempt_kind_names(kind);
}

inline std::string_view to_string(attempt_status status) {
    return attempt_status_names(status);
}

// One attempt of one delivery, as the journal shows it.
struct attempt_record {
    std::uint64_t seq = 0; // journal order, from 1
    std::string delivery_id;
    std::string job_id;
    std::string tenant;
    std::string feature;
    std::uint32_t attempt = 0; // the x-edenmock-attempt header sent
    attempt_kind kind = attempt_kind::first;
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::shared_ptr<const std::string> body; // shared with the delivery's other attempts
    scheduling::instant scheduled_at;
    std::optional<scheduling::instant> sent_at; // unset when nothing was sent
    std::optional<scheduling::instant> completed_at;
    attempt_status status = attempt_status::in_flight;
    unsigned response_status = 0; // 0: no answer
    std::string response_excerpt;
    std::string error;
    std::optional<scheduling::instant> retry_at; // a retry is scheduled then
};

// Which attempts a journal query wants; empty or unset members match everything.
struct journal_filter {
    std::string job_id;
    std::string delivery_id;
    std::optional<attempt_status> status;
    std::string receiver; // a glob on the URL
    std::string tenant;
};

// The bounded log of delivery attempts: the newest `capacity` attempts, the oldest dropped
// first and counted. Not thread-safe: the dispatcher's lock guards it.
class delivery_journal {
public:
    explicit delivery_journal(std::size_t capacity);

    // Appends the record (its seq is assigned) and returns the seq.
    std::uint64_t add(attempt_record record);

    // The record, or nullptr when it was dropped (or never was).
    attempt_record* find(std::uint64_t seq);

    // Matching records, oldest first.
    std::vector<attempt_record> select(const journal_filter& filter) const;

    // How many records match, without copying them.
    std::size_t count(const journal_filter& filter) const;

    // Records dropped to keep within capacity since the last clear().
    std::uint64_t dropped() const { return dropped_; }

    void clear();

    // Forgets the tenant's records (the drop count stays); returns how many.
    std::size_t remove_tenant(std::string_view tenant);

    // The seq the next record gets.
    std::uint64_t next_seq() const { return next_seq_; }

    // Replaces every record with `records` as they were, seqs included (restoring a snapshot of
    // the whole emulator), and the next seq and drop count with those given.
    void
    restore(std::vector<attempt_record> records, std::uint64_t next_seq, std::uint64_t dropped);

private:
    std::size_t capacity_;
    std::deque<attempt_record> records_;
    std::uint64_t next_seq_ = 1;
    std::uint64_t dropped_ = 0;
};

} // namespace emu::webhooks
