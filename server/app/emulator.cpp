#include "server/app/emulator.hpp"

#include "server/scenario/scenario_loader.hpp"
#include "server/support/spawn.hpp"
#include "server/wire/snapshot_document.hpp"
#include "server/wire/v3_records.hpp"
#include "server/wire/webhook_body.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>

#include <csignal>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

namespace emu::app {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;

std::unique_ptr<scheduling::clock> make_clock(const options& opts) {
    switch (opts.clock) {
    case clock_mode::manual:
        return std::make_unique<scheduling::manual_clock>(opts.clock_start);
    case clock_mode::scaled:
        return std::make_unique<scheduling::scaled_clock>(opts.time_scale);
    case clock_mode::automatic:
        return std::make_unique<scheduling::skipping_clock>();
    case clock_mode::real:
        break;
    }
    return std::make_unique<scheduling::real_clock>();
}

std::unique_ptr<engine::clock_control> make_clock_control(scheduling::tenant_clocks& clocks,
                                                          scheduling::due_source& timeline,
                                                          jobs::job_service& jobs,
                                                          webhooks::webhook_dispatcher& hooks) {
    auto* manual = dynamic_cast<scheduling::manual_clock*>(&clocks.base());
    if (manual == nullptr) {
        return nullptr;
    }
    return std::make_unique<engine::clock_control>(*manual, clocks, timeline, jobs, hooks);
}

// The --restore file's snapshot document; throws std::runtime_error naming the file.
json::value read_snapshot_file(const std::string& path) {
    std::ifstream in{path, std::ios::binary};
    if (!in) {
        throw std::runtime_error{"--restore " + path + ": cannot read the file"};
    }
    std::ostringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    auto document = json::parse(text.str(), ec);
    if (ec) {
        throw std::runtime_error{"--restore " + path + ": not JSON (" + ec.message() + ")"};
    }
    return document;
}

std::unique_ptr<state_keeper> open_state(const options& opts) {
    return opts.state.empty()
               ? nullptr
               : std::make_unique<state_keeper>(opts.state, EDENMOCK_VERSION, opts.seed);
}

// --seed, else the --state file's or the --restore snapshot's seed (their jobs' results derive
// from it), else random (the state file refused a --seed that differs from its own).
std::uint64_t pick_seed(const options& opts, const state_keeper* state) {
    const auto saved = state != nullptr ? state->saved_seed() : std::nullopt;
    if (opts.seed) {
        return *opts.seed;
    }
    if (saved) {
        return *saved;
    }
    if (!opts.restore.empty()) {
        const auto document = read_snapshot_file(opts.restore);
        const auto* seed =
            document.is_object() ? document.as_object().if_contains("seed") : nullptr;
        if (seed != nullptr && seed->is_uint64()) {
            return seed->get_uint64();
        }
        if (seed != nullptr && seed->is_int64() && seed->get_int64() >= 0) {
            return static_cast<std::uint64_t>(seed->get_int64());
        }
    }
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

std::unique_ptr<scenario::scenario_watcher> make_watcher(const options& opts,
                                                         scenario::scenario_catalog& catalog) {
    if (opts.scenarios.empty()) {
        return nullptr;
    }
    auto watcher = std::make_unique<scenario::scenario_watcher>(opts.scenarios, catalog);
    watcher->load_initial();
    return watcher;
}

std::optional<std::filesystem::path> webhook_key_file(const options& opts) {
    if (opts.webhook_key.empty()) {
        return std::nullopt;
    }
    return std::filesystem::path{opts.webhook_key};
}

webhooks::sender_options sender_options_of(const options& opts) {
    webhooks::sender_options result;
    result.max_in_flight_per_host = opts.webhook_concurrency;
    result.insecure = opts.webhook_insecure;
    result.ca_file = opts.webhook_ca_file;
    return result;
}

webhooks::webhook_settings webhook_settings_of(const options& opts) {
    auto settings = opts.webhook;
    settings.user_agent = "edenmock/" EDENMOCK_VERSION;
    return settings;
}

asio::ip::tcp::endpoint endpoint_of(const options& opts) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(opts.host, ec);
    if (ec) {
        throw std::runtime_error("--host must be an IP address, not \"" + opts.host + "\"");
    }
    return {address, opts.port};
}

// What to do when the listening address cannot be had; empty when there is no advice.
std::string bind_hint(const boost::system::error_code& code) {
    namespace errc = boost::system::errc;
    if (code == errc::address_in_use) {
        return "another process holds the port: choose another --port, or --port 0 for a free "
               "one (--port-file and --ready-fd tell which)";
    }
    if (code == errc::permission_denied) {
        return "ports below 1024 need privileges: choose --port 1024 or above, or --port 0 for a "
               "free one";
    }
    if (code == errc::address_not_available) {
        return "no interface of this machine has that address: use --host 127.0.0.1, ::1 or "
               "0.0.0.0 (every interface)";
    }
    if (code == errc::address_family_not_supported) {
        return "this machine has no IPv6: use an IPv4 --host such as 127.0.0.1";
    }
    return {};
}

// The listener on --host and --port; a failure says what to do about it where it can.
net::listener make_listener(asio::io_context& io,
                            const options& opts,
                            const net::router& router,
                            net::connection_registry& connections) {
    try {
        return net::listener{io,
                             endpoint_of(opts),
                             router,
                             net::session_settings{.max_body_bytes = opts.max_body_bytes,
                                                   .request_timeout = opts.request_timeout},
                             connections};
    } catch (const net::listen_error& error) {
        const auto hint = bind_hint(error.code());
        if (hint.empty()) {
            throw;
        }
        throw net::listen_error{std::string{error.what()} + "; " + hint, error.code()};
    }
}

} // namespace

emulator::emulator(const options& opts)
    : options_(opts)
    , state_(open_state(opts))
    , seed_(pick_seed(opts, state_.get()))
    , io_(static_cast<int>(opts.threads))
    , clock_(make_clock(opts))
    , tenant_clocks_(*clock_)
    , registry_(fake::make_default_registry())
    , results_(opts.result_cache_bytes)
    , watcher_(make_watcher(opts, scenarios_))
    , jobs_(tenant_clocks_, seed_, opts.list_mode, opts.v3_retention)
    , uploads_(tenant_clocks_, seed_)
    , keys_(webhook_key_file(opts))
    , sender_(io_, sender_options_of(opts))
    , webhooks_(
          tenant_clocks_,
          jobs_,
          sender_,
          keys_,
          webhook_settings_of(opts),
          [this](const jobs::job_snapshot& job) {
              const std::string base_url = url();
              const wire::result_context context{registry_, seed_, base_url};
              if (job.feature->api == features::api_version::v3) {
                  return wire::v3_webhook_body(job,
                                               job.ended_at.value_or(job.created_at),
                                               features::v3_catalog::shipped(),
                                               context);
              }
              return wire::webhook_body(job, context);
          },
          seed_)
    , timeline_{&jobs_, &webhooks_}
    , clock_control_(make_clock_control(tenant_clocks_, timeline_, jobs_, webhooks_))
    , faults_(seed_)
    , request_journal_(opts.request_journal_size)
    , state_transfer_(tenant_clocks_,
                      dynamic_cast<scheduling::manual_clock*>(clock_.get()),
                      jobs_,
                      uploads_,
                      scenarios_,
                      webhooks_,
                      faults_,
                      resetter_,
                      seed_)
    , eden_v2_jobs_(jobs_, scenarios_, faults_, registry_, results_, seed_)
    , eden_v3_jobs_(jobs_,
                    uploads_,
                    features::v3_catalog::shipped(),
                    scenarios_,
                    faults_,
                    registry_,
                    results_,
                    seed_)
    , eden_v3_uploads_(uploads_)
    , eden_v3_info_(features::v3_catalog::shipped())
    , system_endpoints_(
          jobs_, tenant_clocks_, to_string(opts.clock), clock_control_.get(), resetter_)
    , scenario_endpoints_(scenarios_, watcher_.get())
    , job_endpoints_(jobs_, request_journal_, registry_, seed_)
    , webhook_endpoints_(webhooks_)
    , journal_endpoints_(request_journal_, request_metrics_, jobs_, webhooks_)
    , await_endpoint_(jobs_, webhooks_)
    , snapshot_endpoints_(state_transfer_)
    , routes_(make_route_table({eden_v2_jobs_,
                                eden_v3_jobs_,
                                eden_v3_uploads_,
                                eden_v3_info_,
                                system_endpoints_,
                                scenario_endpoints_,
                                job_endpoints_,
                                webhook_endpoints_,
                                journal_endpoints_,
                                await_endpoint_,
                                snapshot_endpoints_}))
    , recorder_(request_journal_, request_metrics_, tenant_clocks_)
    , rate_limiter_(opts.rate_limit == 0
                        ? nullptr
                        : std::make_unique<net::rate_limiter>(tenant_clocks_, opts.rate_limit))
    , router_(routes_,
              net::auth_settings{opts.api_keys, opts.auth_failure_status},
              opts.hints,
              activity_,
              recorder_,
              rate_limiter_.get())
    , listener_(make_listener(io_, opts, router_, connections_))
    , timer_(io_, *clock_, timeline_, time_skipping())
    , signals_(io_)
    , reload_timer_(asio::make_strand(io_)) {
    if (watcher_ && opts.scenarios_reload.count() > 0) {
        asio::co_spawn(reload_timer_.get_executor(),
                       watch_scenarios(),
                       support::log_failure{"scenario reload"});
    }
    register_resets();
    jobs_.on_end([this](const jobs::job_snapshot& job, scheduling::instant at) {
        webhooks_.job_ended(job, at);
    });
    if (!clock_->is_manual()) {
        jobs_.on_schedule([this] { timer_.notify(); });
        webhooks_.on_schedule([this] { timer_.notify(); });
        timer_.start();
    }
    journal_endpoints_.add_metrics([this](observability::prometheus_text& out) {
        out.family("edenmock_snapshots_total",
                   "counter",
                   "Snapshots taken (GET /_emulator/snapshot) and restored (PUT, --restore, "
                   "--state at start).");
        out.sample("edenmock_snapshots_total",
                   {{"op", "taken"}},
                   static_cast<double>(state_transfer_.taken()));
        out.sample("edenmock_snapshots_total",
                   {{"op", "restored"}},
                   static_cast<double>(state_transfer_.restored()));
    });
    journal_endpoints_.add_metrics(
        [this](observability::prometheus_text& out) { results_.write_metrics(out); });
    try {
        if (state_) {
            keep_state();
            journal_endpoints_.add_metrics(
                [this](observability::prometheus_text& out) { state_->write_metrics(out); });
        }
        if (!opts.restore.empty()) {
            restore_file(opts.restore);
        }
        listener_.start();
    } catch (...) {
        if (state_) {
            state_->stop(); // as in the destructor: its writer renders from the services
        }
        throw;
    }
}

void emulator::keep_state() {
    const auto now = clock_->is_manual() ? std::nullopt : std::optional{clock_->now()};
    if (const auto document = state_->saved_document(now)) {
        engine::emulator_state saved;
        try {
            saved = wire::read_snapshot(*document);
        } catch (const wire::snapshot_error& error) {
            throw std::runtime_error{"--state " + state_->path() + ": " + error.what()};
        }
        state_transfer_.restore(std::move(saved));
    }
    if (const auto pem = state_->saved_key(); pem && options_.webhook_key.empty()) {
        keys_.use_saved(*pem); // signatures keep verifying with the key receivers have
    }
    state_->attach({jobs_,
                    uploads_,
                    scenarios_,
                    faults_,
                    webhooks_,
                    tenant_clocks_,
                    clock_control_.get(),
                    state_transfer_,
                    resetter_,
                    keys_,
                    request_journal_,
                    seed_});
    router_.hold_changes([this] { return state_->wait_for_changes(); });
}

void emulator::restore_file(const std::string& path) {
    std::ifstream in{path, std::ios::binary};
    if (!in) {
        throw std::runtime_error{"--restore " + path + ": cannot read the file"};
    }
    std::ostringstream text;
    text << in.rdbuf();
    try {
        restore(text.str());
    } catch (const control::snapshot_refusal& refused) {
        throw std::runtime_error{"--restore " + path + ": " + refused.what()};
    }
}

std::string emulator::snapshot(std::string_view tenant) {
    return control::snapshot_text(state_transfer_, tenant);
}

void emulator::restore(std::string_view document, std::string_view tenant) {
    state_transfer_.restore(control::restorable_snapshot(document, state_transfer_, tenant),
                            tenant);
}

std::optional<scheduling::time_skipping> emulator::time_skipping() {
    auto* skipping = dynamic_cast<scheduling::skipping_clock*>(clock_.get());
    if (skipping == nullptr) {
        return std::nullopt;
    }
    // Idle: no API request in flight or just finished, and no webhook attempt awaiting an
    // answer (skipping then would time it out early).
    return scheduling::time_skipping{
        *skipping,
        [this] { return activity_.idle_for(options_.auto_grace) && webhooks_.in_flight() == 0; },
        options_.auto_grace};
}

emulator::~emulator() {
    if (state_) {
        state_->stop(); // its writer renders from the services below: it goes first
    }
    jobs_.on_schedule({});
    jobs_.on_end({});
    webhooks_.on_schedule({});
}

std::uint16_t emulator::port() const {
    return listener_.local_endpoint().port();
}

std::string emulator::url() const {
    const auto endpoint = listener_.local_endpoint();
    const auto address = endpoint.address();
    const std::string host =
        address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    return "http://" + host + ":" + std::to_string(endpoint.port());
}

void emulator::register_resets() {
    resetter_.add([this](std::string_view tenant, engine::reset_report& report) {
        report.deleted_jobs += jobs_.reset(tenant);
    });
    resetter_.add([this](std::string_view tenant, engine::reset_report& report) {
        report.deleted_scenarios += scenarios_.reset(tenant);
    });
    resetter_.add([this](std::string_view tenant, engine::reset_report& report) {
        report.deleted_files += uploads_.reset(tenant);
    });
    resetter_.add([this](std::string_view tenant, engine::reset_report&) {
        tenant_clocks_.reset(tenant);
        webhooks_.reset(tenant);
        faults_.reset(tenant);
        request_journal_.reset(tenant);
        if (rate_limiter_) {
            rate_limiter_->reset(tenant);
        }
    });
}

void emulator::reset(std::string_view tenant) {
    resetter_.reset(tenant);
}

void emulator::stop_on_signals() {
    signals_.add(SIGINT);
    signals_.add(SIGTERM);
    signals_.async_wait([this](const boost::system::error_code& ec, int) {
        if (!ec) {
            stop();
        }
    });
}

void emulator::run() {
    std::vector<std::thread> extra;
    for (unsigned i = 1; i < options_.threads; ++i) {
        extra.emplace_back([this] { io_.run(); });
    }
    io_.run();
    for (auto& thread : extra) {
        thread.join();
    }
}

void emulator::stop() {
    if (stopping_.exchange(true)) {
        return;
    }
    asio::post(io_, [this] {
        listener_.stop();
        timer_.stop();
        sender_.stop();
        boost::system::error_code ignored;
        signals_.cancel(ignored);
        connections_.stop_all();
        asio::post(reload_timer_.get_executor(), [this] { reload_timer_.cancel(); });
        asio::co_spawn(io_, wind_down(), support::log_failure{"stop"});
    });
}

asio::awaitable<void> emulator::watch_scenarios() {
    while (!stopping_) {
        reload_timer_.expires_after(options_.scenarios_reload);
        const auto [ec] = co_await reload_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
        if (ec || stopping_) {
            co_return;
        }
        watcher_->check();
    }
}

asio::awaitable<void> emulator::wind_down() {
    // In-flight requests get up to a second to be answered; then the loop is stopped outright.
    asio::steady_timer tick{io_};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{1};
    while (connections_.size() > 0 && std::chrono::steady_clock::now() < deadline) {
        tick.expires_after(std::chrono::milliseconds{10});
        co_await tick.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (connections_.size() > 0) {
        io_.stop();
    }
}

} // namespace emu::app
