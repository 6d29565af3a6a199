#pragma once

#include "server/engine/clock_control.hpp"
#include "server/engine/resetter.hpp"
#include "server/jobs/job_service.hpp"
#include "server/net/route_table.hpp"
#include "server/scheduling/tenant_clocks.hpp"

#include <string>
#include <string_view>

namespace emu::control {

// The emulator as a whole: health, the clock and moving it, reset.
class system_endpoints {
public:
    // `control` moves the manual clock, or is nullptr when the emulator runs on another clock.
    system_endpoints(jobs::job_service& jobs,
                     const scheduling::tenant_clocks& clocks,
                     std::string_view clock_mode,
                     engine::clock_control* control,
                     const engine::resetter& resetter);

    // GET /_emulator/health
    net::answer health(const net::route_call& call) const;

    // GET /_emulator/clock[?tenant=]
    net::answer clock(const net::route_call& call) const;

    // POST /_emulator/clock/advance[?tenant=] {"seconds"|"ms"|"to"|"until_idle"}
    net::answer advance(const net::route_call& call) const;

    // POST /_emulator/reset[?tenant=]
    net::answer reset(const net::route_call& call) const;

private:
    jobs::job_service& jobs_;
    const scheduling::tenant_clocks& clocks_;
    std::string clock_mode_; // "real", "manual", "scaled" or "auto"
    engine::clock_control* control_;
    const engine::resetter& resetter_;
};

} // namespace emu::control
