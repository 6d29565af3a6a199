#pragma once

#include "server/jobs/job_service.hpp"
#include "server/net/hints.hpp"
#include "server/scheduling/clock.hpp"
#include "server/support/enum_names.hpp"
#include "server/support/log.hpp"
#include "server/webhooks/webhook_settings.hpp"

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace emu::app {

// How emulator time moves (--clock).
enum class clock_mode {
    real,      // wall time
    manual,    // only with POST /_emulator/clock/advance
    scaled,    // wall time × --time-scale
    automatic, // wall time that skips ahead to the next due event when idle ("auto")
};

// The modes as --clock spells them.
inline constexpr support::enum_names<clock_mode, 4> clock_mode_names{
    {"real", "manual", "scaled", "auto"}};

inline std::string_view to_string(clock_mode mode) {
    return clock_mode_names(mode);
}

// Everything the command line (and its EDENMOCK_* environment twins) can set. The member
// initializers are the flags' defaults: --help and the parser take theirs from here.
struct options {
    std::string host = "127.0.0.1"; // an IP address (--host localhost is 127.0.0.1)
    std::uint16_t port = 8080;
    std::string port_file;
    std::optional<int> ready_fd; // write the ready line there, then close it
    clock_mode clock = clock_mode::real;
    double time_scale = 60;                   // --clock scaled
    std::chrono::milliseconds auto_grace{20}; // --clock auto
    scheduling::instant clock_start = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
    std::optional<std::uint64_t> seed;
    std::string scenarios;
    std::chrono::milliseconds scenarios_reload{1000}; // 0: no hot reload
    std::string restore; // a snapshot file loaded at start; empty: none
    std::string state;   // the SQLite state file (--state); empty: state lives in memory only
    std::vector<std::string> api_keys;
    unsigned auth_failure_status = 403;
    std::uint64_t max_body_bytes = 64ull * 1024 * 1024;
    std::uint64_t result_cache_bytes = 64ull * 1024 * 1024; // finished results kept rendered
    unsigned threads = 2;
    log::level log_level = log::level::info;
    log::format log_format = log::format::text;
    std::uint32_t rate_limit = 0;             // requests per second per tenant; 0: no limit
    std::size_t request_journal_size = 10000; // API requests kept by GET /_emulator/requests
    jobs::list_mode list_mode = jobs::list_mode::live;
    net::hint_mode hints = net::hint_mode::on; // near-miss hints on errors (X-Edenmock-Hint)
    // Ended v3 jobs are deleted this long after they end; nullopt: kept until deleted.
    std::optional<scheduling::duration> v3_retention = jobs::default_v3_retention;
    std::chrono::seconds request_timeout{30};
    webhooks::webhook_settings webhook;
    std::string webhook_key;          // PEM private key file; empty: generated on first use
    bool webhook_insecure = false;    // https receivers: no certificate checks
    std::string webhook_ca_file;      // https receivers: extra trusted CAs (PEM)
    unsigned webhook_concurrency = 8; // attempts in flight per receiver host
};

// A command line that cannot be used; what() says which flag and why.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Parses argv, then EDENMOCK_* variables for flags not given on the command line. Returns
// nullopt after printing help to out for --help. Throws usage_error.
std::optional<options> parse_options(int argc, const char* const argv[], std::ostream& out);

} // namespace emu::app
