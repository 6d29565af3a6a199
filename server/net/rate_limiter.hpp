#pragma once

#include "server/scheduling/tenant_clocks.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace emu::net {

// Eden's per-account request rate, opt-in (--rate-limit): at most `per_second` requests of one
// tenant in each second of the tenant's clock (fixed windows, so a manual clock gives the same
// answers every run). Thread-safe.
class rate_limiter {
public:
    rate_limiter(const scheduling::tenant_clocks& clocks, std::uint32_t per_second);

    // Counts one request of `tenant`: nullopt when it is admitted, else how long until the
    // next window opens.
    std::optional<scheduling::duration> admit(std::string_view tenant);

    // Forgets one tenant's count, or with "" everyone's.
    void reset(std::string_view tenant);

private:
    // A tenant's current window: when it began and how many requests it has admitted.
    struct window {
        scheduling::instant start;
        std::uint32_t used = 0;
    };

    const scheduling::tenant_clocks& clocks_;
    std::uint32_t per_second_;
    std::mutex mutex_;
    std::map<std::string, window, std::less<>> windows_;
};

} // namespace emu::net
