#include "server/scheduling/due_source.hpp"

namespace emu::scheduling {

std::optional<instant> due_sources::next_due() {
    std::optional<instant> earliest;
    for (auto* source : sources_) {
        const auto due = source->next_due();
        if (due && (!earliest || *due < *earliest)) {
            earliest = due;
        }
    }
    return earliest;
}

void due_sources::run_due() {
    for (auto* source : sources_) {
        source->run_due();
    }
}

void advance_through(manual_clock& clock, duration by, due_source& source) {
    const auto target = clock.now() + by;
    // Entries due now (or overdue) apply before time moves.
    source.run_due();
    while (const auto due = source.next_due()) {
        if (*due > target) {
            break;
        }
        if (*due > clock.now()) {
            clock.advance(*due - clock.now());
        }
        source.run_due();
    }
    if (target > clock.now()) {
        clock.advance(target - clock.now());
    }
    source.run_due();
}

} // namespace emu::scheduling
