#include "server/webhooks/delivery_journal.hpp"

#include "server/scheduling/iso_time.hpp"
#include "server/support/glob.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace emu::webhooks {

std::string_view to_string(attempt_kind kind) {
    switch (kind) {
    case attempt_kind::first:
        return "first";
    case attempt_kind::retry:
        return "retry";
    case attempt_kind::duplicate:
        return "duplicate";
    case attempt_kind::late:
        return "late";
    case attempt_kind::redelivery:
        return "redelivery";
    }
    return "first";
}

std::string_view to_string(attempt_status status) {
    switch (status) {
    case attempt_status::in_flight:
        return "in_flight";
    case attempt_status::delivered:
        return "delivered";
    case attempt_status::failed:
        return "failed";
    case attempt_status::dropped:
        return "dropped";
    case attempt_status::blocked:
        return "blocked";
    case attempt_status::cancelled:
        return "cancelled";
    }
    return "in_flight";
}

delivery_journal::delivery_journal(std::size_t capacity)
    : capacity_(capacity) {}

std::uint64_t delivery_journal::add(attempt_record record) {
    record.seq = next_seq_++;
    records_.push_back(std::move(record));
    while (records_.size() > capacity_) {
        records_.pop_front();
        ++dropped_;
    }
    return next_seq_ - 1;
}

attempt_record* delivery_journal::find(std::uint64_t seq) {
    // Seqs ascend but have gaps once a tenant's records are removed.
    const auto found = std::lower_bound(
        records_.begin(), records_.end(), seq, [](const attempt_record& record, std::uint64_t s) {
            return record.seq < s;
        });
    return found == records_.end() || found->seq != seq ? nullptr : &*found;
}

namespace {

bool matches(const journal_filter& filter, const attempt_record& record) {
    return (filter.job_id.empty() || record.job_id == filter.job_id) &&
           (filter.delivery_id.empty() || record.delivery_id == filter.delivery_id) &&
           (filter.status.empty() || to_string(record.status) == filter.status) &&
           (filter.tenant.empty() || record.tenant == filter.tenant) &&
           (filter.receiver.empty() || support::glob_matches(filter.receiver, record.url));
}

} // namespace

std::vector<attempt_record> delivery_journal::select(const journal_filter& filter) const {
    std::vector<attempt_record> selected;
    for (const auto& record : records_) {
        if (matches(filter, record)) {
            selected.push_back(record);
        }
    }
    return selected;
}

std::size_t delivery_journal::count(const journal_filter& filter) const {
    return static_cast<std::size_t>(
        std::count_if(records_.begin(), records_.end(), [&filter](const attempt_record& record) {
            return matches(filter, record);
        }));
}

void delivery_journal::clear() {
    records_.clear();
    dropped_ = 0;
}

std::size_t delivery_journal::remove_tenant(std::string_view tenant) {
    return std::erase_if(records_, [&](const auto& record) { return record.tenant == tenant; });
}

boost::json::object to_json(const attempt_record& record) {
    namespace json = boost::json;
    const auto time = [](const std::optional<scheduling::instant>& at) {
        return at ? json::value(scheduling::format_utc(*at)) : json::value();
    };
    json::object headers;
    for (const auto& [name, value] : record.headers) {
        headers[name] = value;
    }
    return json::object{
        {"seq", record.seq},
        {"delivery_id", record.delivery_id},
        {"job", record.job_id},
        {"feature", record.feature},
        {"attempt", record.attempt},
        {"kind", to_string(record.kind)},
        {"url", record.url},
        {"request",
         json::object{{"headers", std::move(headers)},
                      {"body", record.body ? json::value(*record.body) : json::value()}}},
        {"scheduled_at", scheduling::format_utc(record.scheduled_at)},
        {"sent_at", time(record.sent_at)},
        {"completed_at", time(record.completed_at)},
        {"status", to_string(record.status)},
        {"response",
         record.response_status == 0
             ? json::value()
             : json::value(json::object{{"status", record.response_status},
                                        {"body", record.response_excerpt}})},
        {"error", record.error.empty() ? json::value() : json::value(record.error)},
        {"retry_at", time(record.retry_at)},
    };
}

} // namespace emu::webhooks
