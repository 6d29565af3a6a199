#pragma once

#include "server/scheduling/clock.hpp"

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::scheduling {

// Each tenant's time: the emulator's clock plus how far the tenant's own clock was advanced
// ahead of it (POST /_emulator/clock/advance?tenant=), 0 unless asked. Thread-safe; its lock is
// taken last (callers may hold theirs).
class tenant_clocks {
public:
    explicit tenant_clocks(clock& base)
        : base_(base) {}

    clock& base() const { return base_; }

    // The tenant's time now.
    instant now(std::string_view tenant) const { return base_.now() + offset(tenant); }

    duration offset(std::string_view tenant) const;

    // Sets how far the tenant's clock is ahead of the emulator's (never negative).
    void set_offset(std::string_view tenant, duration ahead);

    // The tenant's clock, or with "" every tenant's, reads the emulator's again.
    void reset(std::string_view tenant);

    // Tenants whose clock is ahead, and by how much, by tenant.
    std::vector<std::pair<std::string, duration>> offsets() const;

private:
    clock& base_;
    mutable std::mutex mutex_;
    std::atomic<bool> any_{false}; // false: every offset is 0, and now() takes no lock
    std::map<std::string, duration, std::less<>> offsets_;
};

} // namespace emu::scheduling
