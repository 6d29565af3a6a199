#include "server/net/rate_limiter.hpp"

namespace emu::net {

rate_limiter::rate_limiter(const scheduling::tenant_clocks& clocks, std::uint32_t per_second)
    : clocks_(clocks)
    , per_second_(per_second) {}

std::optional<scheduling::duration> rate_limiter::admit(std::string_view tenant) {
    constexpr scheduling::duration second = std::chrono::seconds{1};
    const auto now = clocks_.now(tenant);
    // Windows start on whole seconds of the tenant's clock.
    const auto start = now - now.time_since_epoch() % second;
    std::lock_guard lock{mutex_};
    auto found = windows_.find(tenant);
    if (found == windows_.end()) {
        found = windows_.emplace(std::string{tenant}, window{start, 0}).first;
    }
    auto& current = found->second;
    if (current.start != start) {
        current = window{start, 0};
    }
    if (current.used >= per_second_) {
        return start + second - now;
    }
    ++current.used;
    return std::nullopt;
}

void rate_limiter::reset(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    if (tenant.empty()) {
        windows_.clear();
    } else if (const auto found = windows_.find(tenant); found != windows_.end()) {
        windows_.erase(found);
    }
}

} // namespace emu::net
