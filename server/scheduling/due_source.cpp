#include "server/scheduling/due_source.hpp"

namespace emu::scheduling {

namespace {

// The earliest of `of(source)` over the sources.
template <typename Of>
std::optional<instant> earliest_of(const std::vector<due_source*>& sources, Of of) {
    std::optional<instant> earliest;
    for (auto* source : sources) {
        const auto due = of(*source);
        if (due && (!earliest || *due < *earliest)) {
            earliest = due;
        }
    }
    return earliest;
}

} // namespace

std::optional<instant> due_sources::next_due() {
    return earliest_of(sources_, [](due_source& source) { return source.next_due(); });
}

std::optional<instant> due_sources::next_skip_target() {
    return earliest_of(sources_, [](due_source& source) { return source.next_skip_target(); });
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
