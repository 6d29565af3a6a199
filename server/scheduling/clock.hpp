#pragma once

#include "server/support/time.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>

namespace emu::scheduling {

using support::duration;
using support::instant;

// The emulator's source of time. Everything that is timed in the domain asks this clock.
class clock {
public:
    virtual ~clock() = default;

    virtual instant now() const = 0;

    // True when time only moves through advance() (tests), never by itself.
    virtual bool is_manual() const = 0;

    // The wall time to wait for `emulated` to pass on this clock (scaled clocks run faster).
    virtual std::chrono::nanoseconds real_delay(duration emulated) const { return emulated; }
};

// Wall-clock time.
class real_clock final : public clock {
public:
    instant now() const override;

    bool is_manual() const override { return false; }
};

// Wall-clock time sped up `scale` times from the moment it is made: with 60, a job due in one
// emulated minute is due in one real second. Starts at the wall time of its creation.
class scaled_clock final : public clock {
public:
    explicit scaled_clock(double scale);

    instant now() const override;

    bool is_manual() const override { return false; }

    std::chrono::nanoseconds real_delay(duration emulated) const override;

private:
    double scale_;
    instant start_;
    std::chrono::steady_clock::time_point steady_start_;
};

// Wall-clock time that can also jump forward (the "auto" mode's time skipping); safe to use
// from any thread.
class skipping_clock final : public clock {
public:
    instant now() const override;

    bool is_manual() const override { return false; }

    // Moves time forward to `to` (no-op when it is not in the future).
    void jump_to(instant to);

private:
    std::atomic<std::int64_t> skipped_us_{0};
};

// Time that stands still until advanced; safe to read from any thread.
class manual_clock final : public clock {
public:
    explicit manual_clock(instant start)
        : now_us_(start.time_since_epoch().count()) {}

    instant now() const override;

    bool is_manual() const override { return true; }

    void advance(duration by);

    // Sets the time, backwards too (restoring a snapshot of the whole emulator).
    void set(instant to);

private:
    std::atomic<std::int64_t> now_us_;
};

} // namespace emu::scheduling
