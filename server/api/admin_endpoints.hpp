#pragma once

#include "fake_providers/registry.hpp"
#include "server/api/fault_injector.hpp"
#include "server/api/http_types.hpp"
#include "server/jobs/job_service.hpp"
#include "server/scenario/scenario_catalog.hpp"
#include "server/scenario/scenario_watcher.hpp"
#include "server/scheduling/clock.hpp"
#include "server/scheduling/due_source.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::api {

// The control API under /_emulator/, for tests and tooling: health, clock, reset, scenarios,
// media files.
class admin_endpoints {
public:
    // manual is the manual clock, or nullptr when the emulator runs on the real clock; watcher
    // reloads the --scenarios files, or is nullptr when there are none.
    admin_endpoints(jobs::job_service& jobs,
                    scheduling::due_source& timeline,
                    webhooks::webhook_dispatcher& webhooks,
                    scenario::scenario_catalog& scenarios,
                    scenario::scenario_watcher* watcher,
                    fault_injector& faults,
                    const fake::registry& registry,
                    std::uint64_t seed,
                    std::string_view clock_mode,
                    scheduling::manual_clock* manual);

    // Answers a request whose path starts with /_emulator/ (404 and 405 included).
    response handle(const request& req, std::string_view path);

private:
    using handler = response (admin_endpoints::*)(const request&, std::string_view rest);

    // One control route: a method and a path, or a path prefix when `prefix` is set.
    struct route {
        http::verb method;
        std::string_view path;
        bool prefix;
        handler handle;
    };

    response health(const request& req, std::string_view rest);
    response clock(const request& req, std::string_view rest);
    response advance(const request& req, std::string_view rest);
    response reset(const request& req, std::string_view rest);
    response file(const request& req, std::string_view rest);
    response list_scenarios(const request& req, std::string_view rest);
    response put_scenario(const request& req, std::string_view rest);
    response delete_scenario(const request& req, std::string_view rest);
    response force_job(const request& req, std::string_view rest);
    response reload_scenarios(const request& req, std::string_view rest);
    response scenario_schema(const request& req, std::string_view rest);

    boost::json::value clock_state() const;

    // Advances the manual clock from due entry to due entry until no job waits for time and no
    // webhook attempt is scheduled or in flight; false when that was not reached.
    bool advance_until_idle();

    jobs::job_service& jobs_;
    scheduling::due_source& timeline_; // what advancing the manual clock applies
    webhooks::webhook_dispatcher& webhooks_;
    scenario::scenario_catalog& scenarios_;
    scenario::scenario_watcher* watcher_;
    fault_injector& faults_;
    const fake::registry& registry_;
    std::uint64_t seed_;
    std::string clock_mode_; // "real", "manual", "scaled" or "auto"
    scheduling::manual_clock* manual_;
    std::vector<route> routes_;
};

} // namespace emu::api
