#pragma once

#include "server/scheduling/clock.hpp"

#include <cstdint>
#include <optional>
#include <queue>
#include <vector>

namespace emu::scheduling {

// What falls due: the Payload is opaque to the timeline (e.g. "apply step 1 of provider 2 of
// job X"); stale payloads (deleted jobs) are skipped by whoever applies them.
template <typename Payload>
struct timeline_entry {
    instant due;
    std::uint64_t seq = 0; // scheduling order: breaks ties between entries due at one instant
    Payload payload;
};

// A min-heap of due entries, with no I/O and no threads: one timer elsewhere waits for
// next_due(), and a manual clock calls pop_due() directly.
template <typename Payload>
class timeline {
public:
    void schedule(instant due, Payload payload) {
        heap_.push(timeline_entry<Payload>{due, next_seq_++, std::move(payload)});
    }

    std::optional<instant> next_due() const {
        if (heap_.empty()) {
            return std::nullopt;
        }
        return heap_.top().due;
    }

    // The earliest entry, or nullptr when there is none.
    const timeline_entry<Payload>* peek() const { return heap_.empty() ? nullptr : &heap_.top(); }

    // Removes and returns the earliest entry if it is due at `now`; entries come out in
    // (due, seq) order, so callers loop until nullopt.
    std::optional<timeline_entry<Payload>> pop_due(instant now) {
        if (heap_.empty() || heap_.top().due > now) {
            return std::nullopt;
        }
        auto entry = heap_.top();
        heap_.pop();
        return entry;
    }

    std::size_t size() const { return heap_.size(); }

    // Every entry, in (due, seq) order (a snapshot reads them; the timeline is unchanged).
    std::vector<timeline_entry<Payload>> entries() const {
        auto copy = heap_;
        std::vector<timeline_entry<Payload>> ordered;
        ordered.reserve(copy.size());
        for (; !copy.empty(); copy.pop()) {
            ordered.push_back(copy.top());
        }
        return ordered;
    }

    void clear() { heap_ = {}; }

private:
    struct later {
        bool operator()(const timeline_entry<Payload>& a, const timeline_entry<Payload>& b) const {
            return a.due != b.due ? a.due > b.due : a.seq > b.seq;
        }
    };

    std::priority_queue<timeline_entry<Payload>, std::vector<timeline_entry<Payload>>, later> heap_;
    std::uint64_t next_seq_ = 0;
};

} // namespace emu::scheduling
