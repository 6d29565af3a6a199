#pragma once

// edenmock inside a C++ test process: start an emulator on a free port, point the client under
// test at url(), move the manual clock and wait for jobs. Only std headers here; see
// docs/embedding.md.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace emu::app {
struct options;
} // namespace emu::app

namespace edenmock {

// How an embedded server starts. Each field is an edenmock flag (README, "Command line");
// `arguments` gives any other flag, parsed by the same parser as the executable's command line.
struct server_options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0; // 0: a free port, see server::port()
    // "manual" (time moves only with advance()), "real", "scaled" or "auto".
    std::string clock = "manual";
    // Where the manual clock starts.
    std::chrono::system_clock::time_point clock_start =
        std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
    std::optional<std::uint64_t> seed = 42; // ids and generated results; nullopt: random
    std::filesystem::path scenarios;        // file or folder; empty: the built-in scenario (2 s)
    std::vector<std::string> api_keys;      // accepted bearer tokens; empty: any, one tenant each
    unsigned threads = 2;                   // I/O threads
    std::string log_level = "warn";         // debug, info, warn, error or off; process-wide
    // Further flags as on the command line, e.g. {"--webhook-retries", "0"}. A flag set by a
    // field above must not be repeated here. Flags given neither way may still come from
    // EDENMOCK_* environment variables, as for the executable. --port-file and --log-format
    // have no effect in-process (use port(); lines are text).
    std::vector<std::string> arguments;
};

// A job as await_job() saw it.
struct job_state {
    std::string public_id;
    std::string feature;     // "audio/speech_to_text_async"
    std::string status;      // "processing", "finished" or "failed" (v3: "success", "fail")
    std::string error;       // a failed job's top-level error message; else empty
    std::uint32_t polls = 0; // GETs of the job so far
};

// Thrown by server::await_job() when its timeout passes first; state() is the job as it was then.
class await_timeout : public std::runtime_error {
public:
    await_timeout(const std::string& message, job_state state);

    const job_state& state() const noexcept { return state_; }

private:
    job_state state_;
};

// An edenmock running in this process, its I/O on threads of its own; serves the same HTTP API
// as the executable. Members may be called from any thread, except that stop() and the
// destructor must not run while another member does.
class server {
public:
    // Binds the port and starts serving. Throws std::invalid_argument for options the command
    // line would refuse (with the parser's message), std::runtime_error when it cannot start
    // (address in use, unreadable scenarios).
    explicit server(const server_options& options = {});

    // The same from edenmock's internal options struct: for edenmock's own tests.
    explicit server(const emu::app::options& options);

    // Stops, as stop() does.
    ~server();

    server(const server&) = delete;
    server& operator=(const server&) = delete;

    // "http://HOST:PORT", without a trailing slash: Eden's base URL is url() + "/v2". Unchanged
    // after stop(), when nothing listens there any more.
    std::string url() const;

    std::uint16_t port() const;

    // The emulator's clock.
    std::chrono::system_clock::time_point now() const;

    // Moves the manual clock forward, stopping at every due job step and webhook attempt on the
    // way so each happens at its own time (as POST /_emulator/clock/advance does). Attempts are
    // sent, not necessarily answered, on return: see await_webhooks_settled(). Throws
    // std::logic_error unless the clock is manual, std::invalid_argument for a negative
    // duration. With a tenant (an API key), only that tenant's clock moves, ahead of the
    // emulator's (README, "Tenant isolation").
    void advance(std::chrono::microseconds by, std::string_view tenant = {});

    // Moves the manual clock to `to`, as advance() does. Throws std::invalid_argument when `to`
    // is in the past, std::logic_error unless the clock is manual.
    void advance_to(std::chrono::system_clock::time_point to);

    // Advances the manual clock from due entry to due entry until no job waits for a timed step
    // and no webhook attempt is scheduled or in flight (as {"until_idle": true} does); false when
    // that was not reached. Throws std::logic_error unless the clock is manual.
    bool advance_until_idle();

    // Waits until the job's status is `status` ("processing", "finished" or "failed"; for either
    // API's jobs "success" and "fail" too, v3's names of the last two), checking
    // every 2 ms of real time, and returns the job then. It never moves the clock (with the
    // manual clock, advance first) and does not count as a GET. Throws await_timeout when
    // `timeout` passes first (its state() tells a job still processing from one that failed),
    // std::out_of_range when no job has that public_id (or it is deleted meanwhile),
    // std::invalid_argument for another status.
    job_state await_job(std::string_view public_id,
                        std::string_view status = "finished",
                        std::chrono::milliseconds timeout = std::chrono::seconds{5});

    // Waits until no webhook attempt is in flight (each was answered, failed or cancelled);
    // false when `timeout` passes first. Attempts scheduled for later do not count.
    bool await_webhooks_settled(std::chrono::milliseconds timeout = std::chrono::seconds{10});

    // Does what POST /_emulator/reset does (README, "Control API"): for every tenant, or with a
    // tenant (an API key) for that tenant only (README, "Tenant isolation").
    void reset(std::string_view tenant = {});

    // The state as GET /_emulator/snapshot gives it (README, "State and snapshots"): the whole
    // emulator's, or with a tenant that tenant's alone; a versioned JSON document.
    std::string snapshot(std::string_view tenant = {});

    // Does what PUT /_emulator/snapshot does: replaces the whole state with `document`, or with
    // a tenant that tenant's state, from a snapshot of any tenant (a fork). Throws
    // std::invalid_argument naming the field when the document is refused; nothing changes.
    void restore(std::string_view document, std::string_view tenant = {});

    // Stops accepting, lets in-flight requests finish (at most a second) and joins the I/O
    // threads. Idempotent. Afterwards every member but url(), port() and now() throws
    // std::logic_error.
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace edenmock
