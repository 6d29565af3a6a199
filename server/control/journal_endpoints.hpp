#pragma once

#include "server/jobs/job_service.hpp"
#include "server/net/route_table.hpp"
#include "server/observability/prometheus_text.hpp"
#include "server/observability/request_journal.hpp"
#include "server/observability/request_metrics.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"

#include <functional>
#include <vector>

namespace emu::control {

// What the emulator observed: the request journal, client-behaviour checks over it, and
// Prometheus metrics.
class journal_endpoints {
public:
    journal_endpoints(const observability::request_journal& journal,
                      const observability::request_metrics& metrics,
                      jobs::job_service& jobs,
                      webhooks::webhook_dispatcher& webhooks);

    // GET /_emulator/requests[?method=&path=&tenant=&job=&feature=&status=&kind=&since=&until=]
    net::answer requests(const net::route_call& call) const;

    // GET /_emulator/verify?check=...[&job=&tenant=&max_per_second=]
    net::answer verify(const net::route_call& call) const;

    // GET /_emulator/metrics
    net::answer metrics(const net::route_call& call) const;

    // Adds families of parts above this layer (the state file, snapshots). Set before serving.
    void add_metrics(std::function<void(observability::prometheus_text& out)> write) {
        more_.push_back(std::move(write));
    }

private:
    const observability::request_journal& journal_;
    const observability::request_metrics& metrics_;
    std::vector<std::function<void(observability::prometheus_text& out)>> more_;
    jobs::job_service& jobs_;
    webhooks::webhook_dispatcher& webhooks_;
};

} // namespace emu::control
