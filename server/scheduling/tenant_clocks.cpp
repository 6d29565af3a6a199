#include "server/scheduling/tenant_clocks.hpp"

#include <algorithm>

namespace emu::scheduling {

duration tenant_clocks::offset(std::string_view tenant) const {
    if (!any_.load(std::memory_order_acquire)) {
        return duration::zero();
    }
    std::lock_guard lock{mutex_};
    const auto found = offsets_.find(tenant);
    return found == offsets_.end() ? duration::zero() : found->second;
}

void tenant_clocks::set_offset(std::string_view tenant, duration ahead) {
    std::lock_guard lock{mutex_};
    const auto found = offsets_.find(tenant);
    if (found != offsets_.end()) {
        found->second = std::max(ahead, duration::zero());
    } else if (ahead > duration::zero()) {
        offsets_.emplace(std::string{tenant}, ahead);
    }
    any_.store(!offsets_.empty(), std::memory_order_release);
}

void tenant_clocks::reset(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    if (tenant.empty()) {
        offsets_.clear();
        any_.store(false, std::memory_order_release);
        return;
    }
    if (const auto found = offsets_.find(tenant); found != offsets_.end()) {
        offsets_.erase(found);
    }
    any_.store(!offsets_.empty(), std::memory_order_release);
}

std::vector<std::pair<std::string, duration>> tenant_clocks::offsets() const {
    std::lock_guard lock{mutex_};
    return {offsets_.begin(), offsets_.end()};
}

} // namespace emu::scheduling
