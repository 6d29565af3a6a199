#include "server/webhooks/delivery_journal.hpp"

#include "server/support/glob.hpp"
#include "server/support/iso_time.hpp"

#include <algorithm>

namespace emu::webhooks {

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
           (!filter.status || record.status == *filter.status) &&
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

void delivery_journal::restore(std::vector<attempt_record> records,
                               std::uint64_t next_seq,
                               std::uint64_t dropped) {
    std::sort(
        records.begin(), records.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    records_.assign(std::make_move_iterator(records.begin()),
                    std::make_move_iterator(records.end()));
    next_seq_ = std::max(next_seq, records_.empty() ? 1 : records_.back().seq + 1);
    dropped_ = dropped;
    while (records_.size() > capacity_) {
        records_.pop_front();
        ++dropped_;
    }
}

std::size_t delivery_journal::remove_tenant(std::string_view tenant) {
    return std::erase_if(records_, [&](const auto& record) { return record.tenant == tenant; });
}

} // namespace emu::webhooks
