#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace emu::scheduling {

// A point in emulator time: UTC microseconds since the Unix epoch.
using instant = std::chrono::sys_time<std::chrono::microseconds>;
using duration = std::chrono::microseconds;

// The emulator's source of time. Everything that is timed in the domain asks this clock.
class clock {
public:
    virtual ~clock() = default;

    virtual instant now() const = 0;

    // True when time only moves through advance() (tests), never by itself.
    virtual bool is_manual() const = 0;
};

// Wall-clock time.
class real_clock final : public clock {
public:
    instant now() const override;

    bool is_manual() const override { return false; }
};

// Time that stands still until advanced; safe to read from any thread.
class manual_clock final : public clock {
public:
    explicit manual_clock(instant start)
        : now_us_(start.time_since_epoch().count()) {}

    instant now() const override;

    bool is_manual() const override { return true; }

    void advance(duration by);

private:
    std::atomic<std::int64_t> now_us_;
};

} // namespace emu::scheduling
