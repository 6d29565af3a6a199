#pragma once

#include "fake_providers/registry.hpp"
#include "server/jobs/job_service.hpp"
#include "server/net/route_table.hpp"
#include "server/observability/request_journal.hpp"

#include <cstdint>

namespace emu::control {

// One job seen from the control API: forcing its outcome, its polls, the media its results link.
class job_endpoints {
public:
    job_endpoints(jobs::job_service& jobs,
                  const observability::request_journal& journal,
                  const fake::registry& registry,
                  std::uint64_t seed);

    // POST /_emulator/jobs/{public_id}/force {"provider"?, "status", ...}
    net::answer force(const net::route_call& call) const;

    // GET /_emulator/jobs/{public_id}/polls
    net::answer polls(const net::route_call& call) const;

    // GET /_emulator/files/{public_id}/{provider}/{file}
    net::answer file(const net::route_call& call) const;

private:
    jobs::job_service& jobs_;
    const observability::request_journal& journal_;
    const fake::registry& registry_;
    std::uint64_t seed_;
};

} // namespace emu::control
