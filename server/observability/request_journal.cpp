#include "server/observability/request_journal.hpp"

#include "server/support/glob.hpp"
#include "server/support/iso_time.hpp"
#include "server/support/text.hpp"

#include <algorithm>
#include <array>

namespace emu::observability {
bool matches(const request_filter& filter, const request_record& record) {
    return (filter.method.empty() || support::iequals(filter.method, record.method)) &&
           (filter.path.empty() || support::glob_matches(filter.path, record.path)) &&
           (filter.tenant.empty() || filter.tenant == record.tenant) &&
           (filter.job_id.empty() || filter.job_id == record.job_id) &&
           (filter.feature.empty() || filter.feature == record.feature) &&
           (!filter.status || *filter.status == record.status) &&
           (!filter.kind || *filter.kind == record.kind) &&
           (!filter.since || *filter.since <= record.at) &&
           (!filter.until || record.at <= *filter.until);
}

request_journal::request_journal(std::size_t capacity)
    : capacity_(std::max<std::size_t>(capacity, 1)) {}

std::uint64_t request_journal::add(request_record record) {
    std::lock_guard lock{mutex_};
    record.seq = next_seq_++;
    records_.push_back(std::move(record));
    const bool dropping = records_.size() > capacity_;
    while (records_.size() > capacity_) {
        records_.pop_front();
        ++dropped_;
    }
    if (hooks_.added) {
        hooks_.added(records_.back().seq);
    }
    if (dropping && hooks_.dropped) {
        hooks_.dropped(records_.front().seq);
    }
    return records_.back().seq;
}

void request_journal::observe(journal_hooks hooks) {
    std::lock_guard lock{mutex_};
    hooks_ = std::move(hooks);
}

std::vector<request_record> request_journal::range(std::uint64_t first, std::uint64_t last) const {
    std::lock_guard lock{mutex_};
    const auto by_seq = [](const request_record& record, std::uint64_t seq) {
        return record.seq < seq;
    };
    auto from = std::lower_bound(records_.begin(), records_.end(), first, by_seq);
    std::vector<request_record> found;
    for (; from != records_.end() && from->seq <= last; ++from) {
        found.push_back(*from);
    }
    return found;
}

journal_counters request_journal::counters() const {
    std::lock_guard lock{mutex_};
    return {next_seq_, dropped_, records_.empty() ? next_seq_ : records_.front().seq};
}

void request_journal::restore(std::vector<request_record> records,
                              const journal_counters& counters) {
    std::lock_guard lock{mutex_};
    records_.clear();
    for (auto& record : records) {
        if (record.seq >= counters.first_kept) {
            records_.push_back(std::move(record));
        }
    }
    next_seq_ = std::max(counters.next_seq, records_.empty() ? 1 : records_.back().seq + 1);
    dropped_ = counters.dropped;
    while (records_.size() > capacity_) {
        records_.pop_front();
        ++dropped_;
    }
}

std::vector<request_record> request_journal::select(const request_filter& filter) const {
    std::lock_guard lock{mutex_};
    std::vector<request_record> selected;
    for (const auto& record : records_) {
        if (matches(filter, record)) {
            selected.push_back(record);
        }
    }
    return selected;
}

std::uint64_t request_journal::dropped() const {
    std::lock_guard lock{mutex_};
    return dropped_;
}

std::size_t request_journal::reset(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    std::size_t removed = 0;
    if (tenant.empty()) {
        removed = records_.size();
        records_.clear();
        dropped_ = 0;
    } else {
        removed =
            std::erase_if(records_, [&](const auto& record) { return record.tenant == tenant; });
    }
    if (hooks_.forgotten) {
        hooks_.forgotten(tenant);
    }
    return removed;
}

} // namespace emu::observability
