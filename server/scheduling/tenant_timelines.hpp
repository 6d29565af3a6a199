#pragma once

#include "server/scheduling/tenant_clocks.hpp"
#include "server/scheduling/timeline.hpp"

#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace emu::scheduling {

// Due entries kept per tenant, each in its tenant's time (tenant_clocks), so advancing one
// tenant's clock brings its entries due and leaves the others'. No lock: the owner's guards it.
template <typename Payload>
class tenant_timelines {
public:
    void schedule(std::string_view tenant, instant due, Payload payload) {
        auto found = lines_.find(tenant);
        if (found == lines_.end()) {
            found = lines_.emplace(std::string{tenant}, timeline<Payload>{}).first;
        }
        found->second.schedule(due, std::move(payload));
    }

    // The earliest entry of any tenant, in the emulator's time (its due time less its tenant's
    // offset); nullopt when there is none.
    std::optional<instant> next_due(const tenant_clocks& clocks) const {
        std::optional<instant> earliest;
        for (const auto& [tenant, line] : lines_) {
            if (const auto due = line.next_due()) {
                const auto at = *due - clocks.offset(tenant);
                earliest = earliest ? std::min(*earliest, at) : at;
            }
        }
        return earliest;
    }

    // The tenant's earliest entry, in its own time.
    std::optional<instant> next_due_of(std::string_view tenant) const {
        const auto found = lines_.find(tenant);
        return found == lines_.end() ? std::nullopt : found->second.next_due();
    }

    // Calls apply(tenant, entry) for every entry due by its tenant's clock, each tenant's in
    // (due, scheduling) order; entries that apply schedules for the same tenant are included
    // when due. Tenants left with nothing due are dropped, so a long run with many short-lived
    // tenants (one per test) does not slow down.
    template <typename Apply>
    void run_due(const tenant_clocks& clocks, Apply&& apply) {
        const auto base_now = clocks.base().now(); // read once: a real clock is a system call
        for (auto it = lines_.begin(); it != lines_.end();) {
            const auto now = base_now + clocks.offset(it->first);
            while (auto entry = it->second.pop_due(now)) {
                apply(it->first, *entry);
            }
            it = it->second.size() == 0 ? lines_.erase(it) : std::next(it);
        }
    }

    // Calls f(tenant, line) for each tenant's timeline.
    template <typename F>
    void for_each(F&& f) {
        for (auto& [tenant, line] : lines_) {
            f(tenant, line);
        }
    }

    // The tenant's entries in (due, seq) order.
    std::vector<timeline_entry<Payload>> entries_of(std::string_view tenant) const {
        const auto found = lines_.find(tenant);
        return found == lines_.end() ? std::vector<timeline_entry<Payload>>{}
                                     : found->second.entries();
    }

    void erase(std::string_view tenant) {
        if (const auto found = lines_.find(tenant); found != lines_.end()) {
            lines_.erase(found);
        }
    }

    void clear() { lines_.clear(); }

private:
    std::map<std::string, timeline<Payload>, std::less<>> lines_;
};

} // namespace emu::scheduling
