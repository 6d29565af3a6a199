#pragma once

#include "fake_providers/registry.hpp"
#include "server/api/fault_injector.hpp"
#include "server/api/http_types.hpp"
#include "server/jobs/job_service.hpp"
#include "server/scenario/scenario_catalog.hpp"
#include "server/scenario/scenario_watcher.hpp"
#include "server/scheduling/clock_control.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"

#include <boost/json/object.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::api {

// The control API under /_emulator/, for tests and tooling: health, clock, reset, scenarios,
// media files.
class admin_endpoints {
public:
    // control moves the manual clock, or is nullptr when the emulator runs on another clock;
    // watcher reloads the --scenarios files, or is nullptr when there are none.
    admin_endpoints(jobs::job_service& jobs,
                    scheduling::tenant_clocks& clocks,
                    webhooks::webhook_dispatcher& webhooks,
                    scenario::scenario_catalog& scenarios,
                    scenario::scenario_watcher* watcher,
                    fault_injector& faults,
                    const fake::registry& registry,
                    std::uint64_t seed,
                    std::string_view clock_mode,
                    scheduling::clock_control* control);

    // Answers a request whose path starts with /_emulator/ (404 and 405 included).
    response handle(const request& req, std::string_view path);

    // What POST /_emulator/reset?tenant= does, for one tenant or ("") all; returns its answer.
    boost::json::object reset_tenant(std::string_view tenant);

    // Called by every reset with the tenant reset, or "" for all: state kept elsewhere (the
    // request journal) is reset with the rest.
    void on_reset(std::function<void(std::string_view tenant)> callback);

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

    // The emulator's clock, or ("" for none) the tenant's.
    boost::json::object clock_state(std::string_view tenant = {}) const;

    // The request's ?tenant= (an API key), "" when absent; 400 when given empty.
    static std::string tenant_param(const request& req);

    jobs::job_service& jobs_;
    scheduling::tenant_clocks& clocks_;
    webhooks::webhook_dispatcher& webhooks_;
    scenario::scenario_catalog& scenarios_;
    scenario::scenario_watcher* watcher_;
    fault_injector& faults_;
    const fake::registry& registry_;
    std::uint64_t seed_;
    std::string clock_mode_; // "real", "manual", "scaled" or "auto"
    scheduling::clock_control* control_;
    std::vector<route> routes_;
    std::function<void(std::string_view tenant)> on_reset_;
};

} // namespace emu::api
