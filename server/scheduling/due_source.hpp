#pragma once

#include "server/scheduling/clock.hpp"

#include <initializer_list>
#include <optional>
#include <vector>

namespace emu::scheduling {

// Something with entries on the emulator's timeline (the job service, the webhook dispatcher):
// a timer or a manual advance asks when the next one is due and has due ones applied.
class due_source {
public:
    virtual ~due_source() = default;

    virtual std::optional<instant> next_due() = 0;

    // The earliest entry the auto clock may jump to when idle: by default the next due one;
    // housekeeping (job expiries) is left out, so skipping never jumps days ahead to delete a
    // result a client is about to read.
    virtual std::optional<instant> next_skip_target() { return next_due(); }

    // Applies every entry due at the clock's current time.
    virtual void run_due() = 0;
};

// Several sources seen as one: the earliest entry of any, and all of them run in order.
class due_sources final : public due_source {
public:
    due_sources(std::initializer_list<due_source*> sources)
        : sources_(sources) {}

    std::optional<instant> next_due() override;

    std::optional<instant> next_skip_target() override;

    void run_due() override;

private:
    std::vector<due_source*> sources_;
};

// Moves a manual clock forward by `by`, stopping at every due entry on the way, so each applies
// with the clock reading its due time (a webhook attempt due at 3 s is sent at 3 s even when
// the clock is advanced by a minute at once).
void advance_through(manual_clock& clock, duration by, due_source& source);

} // namespace emu::scheduling
