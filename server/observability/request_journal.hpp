#pragma once

#include "server/scheduling/clock.hpp"
#include "server/support/enum_names.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::observability {

// What an API request asked for, as the journal and the metrics name it.
enum class route_kind { launch, get, list, del, other };

inline constexpr support::enum_names<route_kind, 5> route_kind_names{
    {"launch", "get", "list", "delete", "other"}};

inline std::string_view to_string(route_kind kind) {
    return route_kind_names(kind);
}

// One API request (/v2/...) and its answer, as the request journal shows it.
struct request_record {
    std::uint64_t seq = 0;  // journal order, from 1
    scheduling::instant at; // emulator time when the request arrived
    std::string method;
    std::string path;   // without the query
    std::string query;  // raw, without '?'
    std::string tenant; // the bearer token; empty when missing or refused
    route_kind kind = route_kind::other;
    std::string feature; // the feature path, when the route names one
    std::string job_id;  // the job's public_id, when there is one
    std::vector<std::pair<std::string, std::string>> headers; // secrets removed
    std::string body_excerpt;                                 // valid UTF-8, at most ~1 KiB
    unsigned status = 0;                                      // the response's status
    std::string retry_after; // the response's Retry-After header; empty when none
    std::string job_status;  // a job GET answered 200: the status it showed; else empty
};

// Which records a journal query wants; unset or empty members match everything.
struct request_filter {
    std::string method; // compared case-insensitively
    std::string path;   // a glob on the path
    std::string tenant;
    std::string job_id;
    std::string feature;
    std::optional<unsigned> status;
    std::optional<route_kind> kind;
    std::optional<scheduling::instant> since; // inclusive
    std::optional<scheduling::instant> until; // inclusive
};

bool matches(const request_filter& filter, const request_record& record);

// A journal's counters, as --state keeps them.
struct journal_counters {
    std::uint64_t next_seq = 1;   // the seq the next record gets
    std::uint64_t dropped = 0;    // records dropped to fit since the last reset("")
    std::uint64_t first_kept = 1; // the oldest record's seq; next_seq when there is none

    bool operator==(const journal_counters&) const = default;
};

// What --state hears of a journal's changes. Each hook is called under the journal's lock, in
// the order of the changes, and must not call the journal.
struct journal_hooks {
    // The record of that seq was added (the oldest records are already dropped to fit, then
    // dropped() is called).
    std::function<void(std::uint64_t seq)> added;
    std::function<void(std::uint64_t first_kept)> dropped;  // smaller seqs dropped to fit
    std::function<void(std::string_view tenant)> forgotten; // reset(tenant); "" for every one
};

// The bounded log of API requests: the newest `capacity` records, the oldest dropped first and
// counted. Thread-safe: one lock guards it.
class request_journal {
public:
    explicit request_journal(std::size_t capacity);

    // Appends the record (its seq is assigned) and returns the seq.
    std::uint64_t add(request_record record);

    // Matching records, oldest first.
    std::vector<request_record> select(const request_filter& filter) const;

    // Records dropped to keep within capacity since the last reset("").
    std::uint64_t dropped() const;

    // Forgets the tenant's records (the drop count stays), or with "" every record and the drop
    // count; returns how many records.
    std::size_t reset(std::string_view tenant);

    // Tells hooks of each change from now on (set before requests arrive).
    void observe(journal_hooks hooks);

    // The records with first <= seq <= last, oldest first.
    std::vector<request_record> range(std::uint64_t first, std::uint64_t last) const;

    journal_counters counters() const;

    // Replaces the records (oldest first; those below counters.first_kept are left out) and the
    // counters with saved ones; past the capacity, the oldest are dropped and counted.
    void restore(std::vector<request_record> records, const journal_counters& counters);

private:
    journal_hooks hooks_;
    mutable std::mutex mutex_;
    std::size_t capacity_;
    std::deque<request_record> records_;
    std::uint64_t next_seq_ = 1;
    std::uint64_t dropped_ = 0;
};

} // namespace emu::observability
