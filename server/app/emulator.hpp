#pragma once

#include "fake_providers/registry.hpp"
#include "server/app/options.hpp"
#include "server/app/routes.hpp"
#include "server/app/state_keeper.hpp"
#include "server/control/await_endpoint.hpp"
#include "server/control/job_endpoints.hpp"
#include "server/control/journal_endpoints.hpp"
#include "server/control/scenario_endpoints.hpp"
#include "server/control/snapshot_endpoints.hpp"
#include "server/control/system_endpoints.hpp"
#include "server/control/webhook_endpoints.hpp"
#include "server/eden_v2/jobs_endpoints.hpp"
#include "server/eden_v3/async_endpoints.hpp"
#include "server/eden_v3/info_endpoints.hpp"
#include "server/eden_v3/upload_endpoints.hpp"
#include "server/engine/clock_control.hpp"
#include "server/engine/fault_injector.hpp"
#include "server/engine/resetter.hpp"
#include "server/engine/state_transfer.hpp"
#include "server/jobs/job_service.hpp"
#include "server/net/connection.hpp"
#include "server/net/listener.hpp"
#include "server/net/request_recorder.hpp"
#include "server/net/route_table.hpp"
#include "server/net/router.hpp"
#include "server/observability/request_journal.hpp"
#include "server/observability/request_metrics.hpp"
#include "server/scenario/scenario_catalog.hpp"
#include "server/scenario/scenario_watcher.hpp"
#include "server/scheduling/activity.hpp"
#include "server/scheduling/clock.hpp"
#include "server/scheduling/due_source.hpp"
#include "server/scheduling/tenant_clocks.hpp"
#include "server/scheduling/timer_driver.hpp"
#include "server/uploads/upload_store.hpp"
#include "server/webhooks/http_sender.hpp"
#include "server/webhooks/signing_key.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <memory>
#include <string>

namespace emu::app {

// The composition root: owns the clock, job service, endpoints and listener, and runs them.
// Threading: the io_context runs on `threads` threads; each connection lives on its own
// strand, the job service and the webhook dispatcher each guard their state with one lock,
// the webhook sender and the timer driver have strands.
class emulator {
public:
    // Builds everything and binds the listening socket; throws std::runtime_error (bind failure,
    // unreadable scenarios) with a message fit for the user.
    explicit emulator(const options& opts);

    ~emulator();

    emulator(const emulator&) = delete;
    emulator& operator=(const emulator&) = delete;

    std::uint16_t port() const;

    // "http://HOST:PORT".
    std::string url() const;

    std::uint64_t seed() const { return seed_; }

    // The webhook engine, for in-process tests that wait for deliveries to settle.
    webhooks::webhook_dispatcher& webhooks() { return webhooks_; }

    // The job store, for in-process reads (the embedded server's await).
    jobs::job_service& jobs() { return jobs_; }

    // Every route of the HTTP surface.
    const net::route_table& routes() const { return routes_; }

    // Moves the manual clock; nullptr unless --clock manual.
    engine::clock_control* clock_control() { return clock_control_.get(); }

    // Does what POST /_emulator/reset?tenant= does: for one tenant, or ("") for all.
    void reset(std::string_view tenant = {});

    // What GET /_emulator/snapshot[?tenant=] answers.
    std::string snapshot(std::string_view tenant = {});

    // Does what PUT /_emulator/snapshot[?tenant=] does; throws control::snapshot_refusal, and
    // then nothing changed.
    void restore(std::string_view document, std::string_view tenant = {});

    // Stops gracefully on SIGINT and SIGTERM.
    void stop_on_signals();

    // Runs until stopped; the calling thread is one of the I/O threads.
    void run();

    // Thread-safe graceful stop: stop accepting, close idle connections, let in-flight requests
    // finish (at most one second), then return from run().
    void stop();

private:
    // Has each service that keeps state register with the resetter what a reset forgets.
    void register_resets();

    // Loads the --restore snapshot; throws std::runtime_error naming the file and the field.
    void restore_file(const std::string& path);

    // Brings back what the --state file holds, then has it keep every change from now on.
    void keep_state();

    boost::asio::awaitable<void> wind_down();

    // The auto clock's skipping rule for the timer; nullopt for other clocks.
    std::optional<scheduling::time_skipping> time_skipping();

    // Looks for changed scenario files every --scenarios-reload-ms (real time) until stopped.
    boost::asio::awaitable<void> watch_scenarios();

    options options_;
    std::unique_ptr<state_keeper> state_; // set with --state; opened first, for its seed
    std::uint64_t seed_;
    boost::asio::io_context io_;
    std::unique_ptr<scheduling::clock> clock_;
    scheduling::tenant_clocks tenant_clocks_; // the clock, or a tenant's ahead of it
    scheduling::activity activity_;           // API requests in flight, for the auto clock
    fake::registry registry_;
    wire::result_cache results_;
    scenario::scenario_catalog scenarios_;
    std::unique_ptr<scenario::scenario_watcher> watcher_; // set with --scenarios
    jobs::job_service jobs_;
    uploads::upload_store uploads_;
    webhooks::signing_key_source keys_;
    webhooks::http_sender sender_;
    webhooks::webhook_dispatcher webhooks_;
    scheduling::due_sources timeline_; // jobs, then webhooks
    // Set with --clock manual.
    std::unique_ptr<engine::clock_control> clock_control_;
    engine::fault_injector faults_;
    observability::request_journal request_journal_;
    observability::request_metrics request_metrics_;
    engine::resetter resetter_;             // what every reset forgets, from each service above
    engine::state_transfer state_transfer_; // snapshots: take the state out, put one back
    eden_v2::jobs_endpoints eden_v2_jobs_;
    eden_v3::async_endpoints eden_v3_jobs_;
    eden_v3::upload_endpoints eden_v3_uploads_;
    eden_v3::info_endpoints eden_v3_info_;
    control::system_endpoints system_endpoints_;
    control::scenario_endpoints scenario_endpoints_;
    control::job_endpoints job_endpoints_;
    control::webhook_endpoints webhook_endpoints_;
    control::journal_endpoints journal_endpoints_;
    control::await_endpoint await_endpoint_;
    control::snapshot_endpoints snapshot_endpoints_;
    net::route_table routes_;
    net::request_recorder recorder_;
    std::unique_ptr<net::rate_limiter> rate_limiter_; // set with --rate-limit
    net::router router_;
    net::connection_registry connections_;
    net::listener listener_;
    scheduling::timer_driver timer_;
    boost::asio::signal_set signals_;
    boost::asio::steady_timer reload_timer_;
    std::atomic<bool> stopping_{false};
};

} // namespace emu::app
