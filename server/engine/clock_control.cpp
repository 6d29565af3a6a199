#include "server/engine/clock_control.hpp"

#include "server/jobs/job_service.hpp"
#include "server/support/iso_time.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"

#include <algorithm>
#include <stdexcept>

namespace emu::engine {

clock_control::clock_control(manual_clock& clock,
                             tenant_clocks& tenants,
                             due_source& timeline,
                             jobs::job_service& jobs,
                             webhooks::webhook_dispatcher& webhooks)
    : clock_(clock)
    , tenants_(tenants)
    , timeline_(timeline)
    , jobs_(jobs)
    , webhooks_(webhooks) {}

void clock_control::advance(duration by, std::string_view tenant) {
    const std::lock_guard lock{mutex_};
    advance_locked(by, tenant);
}

void clock_control::advance_to(instant to, std::string_view tenant) {
    const std::lock_guard lock{mutex_};
    const auto now = tenants_.now(tenant); // the emulator's clock for no tenant
    if (to < now) {
        throw std::invalid_argument("The clock cannot go back: it reads " +
                                    support::format_utc(now) + ".");
    }
    advance_locked(to - now, tenant);
}

bool clock_control::advance_until_idle(std::string_view tenant) {
    const std::lock_guard lock{mutex_};
    // Each step moves to the next due entry and gives the webhook attempts it sent up to two
    // (real) seconds to be answered; a receiver slower than that meets its attempt's timeout,
    // which is one of the next due entries.
    constexpr int max_steps = 100000;
    for (int step = 0; step < max_steps; ++step) {
        webhooks_.wait_until_settled(std::chrono::seconds{2});
        if (idle(tenant)) {
            return true;
        }
        const auto due = next_due(tenant);
        if (!due) {
            return idle(tenant);
        }
        advance_locked(std::max(duration::zero(), *due - tenants_.now(tenant)), tenant);
    }
    return false;
}

bool clock_control::idle(std::string_view tenant) {
    return tenant.empty() ? jobs_.settled() && webhooks_.idle()
                          : jobs_.settled_of(tenant) && webhooks_.idle_of(tenant);
}

std::optional<instant> clock_control::next_due(std::string_view tenant) {
    if (tenant.empty()) {
        return timeline_.next_due();
    }
    const auto jobs = jobs_.next_due_of(tenant);
    const auto deliveries = webhooks_.next_due_of(tenant);
    if (jobs && deliveries) {
        return std::min(*jobs, *deliveries);
    }
    return jobs ? jobs : deliveries;
}

void clock_control::advance_locked(duration by, std::string_view tenant) {
    advance_clock(by, tenant);
    if (on_change_) {
        on_change_();
    }
}

void clock_control::advance_clock(duration by, std::string_view tenant) {
    if (tenant.empty()) {
        advance_through(clock_, by, timeline_);
        return;
    }
    // The tenant's offset moves to each of its due entries in turn, and what is due applies
    // at its own time (other tenants have nothing due: their clocks did not move).
    const auto target = tenants_.offset(tenant) + by;
    for (;;) {
        const auto due = next_due(tenant);
        if (!due || *due > clock_.now() + target) {
            break;
        }
        tenants_.set_offset(tenant, std::max(tenants_.offset(tenant), *due - clock_.now()));
        timeline_.run_due();
    }
    tenants_.set_offset(tenant, target);
    timeline_.run_due();
}

} // namespace emu::engine
