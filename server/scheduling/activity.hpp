#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace emu::scheduling {

// Whether the emulator is busy: API requests in flight, and when the last one began or ended.
// The auto clock skips time only after it has been idle for a grace period. Thread-safe.
class activity {
public:
    // Marks one request in flight for its lifetime.
    class scope {
    public:
        explicit scope(activity& tracked);
        ~scope();
        scope(const scope&) = delete;
        scope& operator=(const scope&) = delete;

    private:
        activity& tracked_;
    };

    // True when no request is in flight and none began or ended within `grace`.
    bool idle_for(std::chrono::steady_clock::duration grace) const;

private:
    void touch();

    std::atomic<std::int64_t> in_flight_{0};
    std::atomic<std::int64_t> last_change_ns_{0}; // steady clock
};

} // namespace emu::scheduling
