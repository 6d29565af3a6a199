#pragma once

#include "server/api/http_types.hpp"
#include "server/jobs/job_service.hpp"
#include "server/observability/request_journal.hpp"
#include "server/observability/request_metrics.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"

#include <string_view>

namespace emu::api {

// The observability part of the control API: the request journal, a job's polls,
// client-behaviour checks and Prometheus metrics (/_emulator/requests, /_emulator/jobs/<id>/polls,
// /_emulator/verify, /_emulator/metrics).
class observability_endpoints {
public:
    observability_endpoints(observability::request_journal& journal,
                            observability::request_metrics& metrics,
                            jobs::job_service& jobs,
                            webhooks::webhook_dispatcher& webhooks);

    // Whether the path is one of these endpoints'.
    static bool handles(std::string_view path);

    // Answers a request whose path handles() accepts (405 included).
    response handle(const request& req, std::string_view path);

private:
    response requests(const request& req);
    response polls(const request& req, std::string_view job_id);
    response verify(const request& req);
    response metrics(const request& req);

    observability::request_journal& journal_;
    observability::request_metrics& metrics_;
    jobs::job_service& jobs_;
    webhooks::webhook_dispatcher& webhooks_;
};

} // namespace emu::api
