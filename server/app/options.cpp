#include "server/app/options.hpp"

#include "server/support/iso_time.hpp"
#include "server/support/text.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string_view>

namespace emu::app {

namespace po = boost::program_options;

namespace {

// "EDENMOCK_MAX_BODY_BYTES" -> "max-body-bytes"; other variables are not ours.
std::string option_for_variable(const std::string& variable) {
    constexpr std::string_view prefix = "EDENMOCK_";
    if (!variable.starts_with(prefix)) {
        return {};
    }
    auto name = support::lower(std::string_view{variable}.substr(prefix.size()));
    std::replace(name.begin(), name.end(), '_', '-');
    return name;
}

// Splits "a,b" (the environment's form of a repeated flag) into its entries.
std::vector<std::string> split_keys(const std::vector<std::string>& values) {
    std::vector<std::string> keys;
    for (const auto& value : values) {
        std::size_t start = 0;
        while (start <= value.size()) {
            const auto comma = value.find(',', start);
            auto key =
                value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!key.empty()) {
                keys.push_back(std::move(key));
            }
            if (comma == std::string::npos) {
                break;
            }
            start = comma + 1;
        }
    }
    return keys;
}

// A duration flag ("1s", "250ms", "2m"); `positive` refuses zero.
scheduling::duration
duration_flag(const po::variables_map& values, const std::string& name, bool positive) {
    const auto text = values[name].as<std::string>();
    const auto parsed = support::parse_duration(text);
    if (!parsed || (positive && parsed->count() == 0)) {
        throw usage_error{"--" + name + " must be a duration like \"1s\" or \"250ms\", not \"" +
                          text + "\""};
    }
    return *parsed;
}

// "7d", "1s", "250ms" or "10us": a duration in its largest whole unit, as duration flags take
// it.
std::string duration_text(scheduling::duration value) {
    using namespace std::chrono;
    if (value.count() > 0 && value % days{1} == scheduling::duration::zero()) {
        return std::to_string(duration_cast<days>(value).count()) + "d";
    }
    if (value % seconds{1} == scheduling::duration::zero()) {
        return std::to_string(duration_cast<seconds>(value).count()) + "s";
    }
    if (value % milliseconds{1} == scheduling::duration::zero()) {
        return std::to_string(duration_cast<milliseconds>(value).count()) + "ms";
    }
    return std::to_string(value.count()) + "us";
}

// A duration in the unit of a whole-number flag (--auto-grace-ms, --request-timeout).
template <typename Duration>
unsigned count_of(Duration value) {
    return static_cast<unsigned>(value.count());
}

// "2026-01-01T00:00:00Z": a time as --clock-start takes it, without a fraction of zero.
std::string time_text(scheduling::instant at) {
    auto text = support::format_utc(at);
    constexpr std::string_view zero_fraction = ".000000Z";
    if (text.ends_with(zero_fraction)) {
        text.replace(text.size() - zero_fraction.size(), zero_fraction.size(), "Z");
    }
    return text;
}

void read_webhook_options(const po::variables_map& values, options& result) {
    auto& webhook = result.webhook;
    if (values.count("webhook-key") != 0) {
        result.webhook_key = values["webhook-key"].as<std::string>();
    }
    const auto signing = values["webhook-signing"].as<std::string>();
    if (signing != "on" && signing != "off") {
        throw usage_error{"--webhook-signing must be on or off"};
    }
    webhook.signing = signing == "on";
    const auto scheme = values["webhook-signature"].as<std::string>();
    const auto parsed_scheme = webhooks::signature_scheme_names.parse(scheme);
    if (!parsed_scheme) {
        throw usage_error{"--webhook-signature must be " +
                          webhooks::signature_scheme_names.choices() + ", not \"" + scheme + "\""};
    }
    webhook.signature = *parsed_scheme;
    result.webhook_insecure = values["webhook-insecure"].as<bool>();
    if (values.count("webhook-ca-file") != 0) {
        result.webhook_ca_file = values["webhook-ca-file"].as<std::string>();
    }
    webhook.retries = values["webhook-retries"].as<unsigned>();
    if (webhook.retries > 100) {
        throw usage_error{"--webhook-retries must be at most 100"};
    }
    webhook.backoff = duration_flag(values, "webhook-backoff", false);
    webhook.backoff_cap = duration_flag(values, "webhook-backoff-cap", false);
    webhook.attempt_timeout = duration_flag(values, "webhook-timeout", true);
    webhook.v3_attempt_timeout = duration_flag(values, "v3-webhook-timeout", true);
    if (values.count("webhook-allow") != 0) {
        webhook.allow = split_keys(values["webhook-allow"].as<std::vector<std::string>>());
    }
    if (values.count("webhook-deny") != 0) {
        webhook.deny = split_keys(values["webhook-deny"].as<std::vector<std::string>>());
    }
    webhook.strict = values["webhook-strict"].as<bool>();
    webhook.journal_size = values["webhook-journal-size"].as<unsigned>();
    if (webhook.journal_size == 0) {
        throw usage_error{"--webhook-journal-size must be at least 1"};
    }
    result.webhook_concurrency = values["webhook-concurrency"].as<unsigned>();
    if (result.webhook_concurrency == 0 || result.webhook_concurrency > 1024) {
        throw usage_error{"--webhook-concurrency must be between 1 and 1024"};
    }
}

} // namespace

std::optional<options> parse_options(int argc, const char* const argv[], std::ostream& out) {
    po::options_description described{
        "edenmock: a local emulator of Eden AI's asynchronous job API, v3 and v2.\n"
        "Every flag can also be set with an environment variable: --max-body-bytes is\n"
        "EDENMOCK_MAX_BODY_BYTES (EDENMOCK_API_KEY, EDENMOCK_WEBHOOK_ALLOW and\n"
        "EDENMOCK_WEBHOOK_DENY take comma-separated lists).\n\nOptions"};
    const options defaults{};
    // clang-format off
    described.add_options()
        ("help", "print this help and exit")
        ("host", po::value<std::string>()->default_value(defaults.host), "address to listen on")
        ("port", po::value<unsigned>()->default_value(unsigned{defaults.port}),
         "port to listen on; 0 picks a free one")
        ("port-file", po::value<std::string>(), "write the port to this file once listening")
        ("ready-fd", po::value<int>(),
         "write the ready line to this inherited file descriptor once listening, then close it")
        ("clock", po::value<std::string>()->default_value(std::string{to_string(defaults.clock)}),
         "real; manual (time moves only with POST /_emulator/clock/advance); scaled (real time "
         "× --time-scale); or auto (real time that jumps to the next due event when idle)")
        ("time-scale", po::value<double>()->default_value(defaults.time_scale),
         "--clock scaled: emulated seconds per real second")
        ("auto-grace-ms", po::value<unsigned>()->default_value(count_of(defaults.auto_grace)),
         "--clock auto: how long no request or delivery may be in flight before time skips")
        ("clock-start", po::value<std::string>()->default_value(time_text(defaults.clock_start)),
         "start time of the manual clock (ISO-8601)")
        ("seed", po::value<std::uint64_t>(), "seed for ids and generated results (default: random)")
        ("scenarios", po::value<std::string>(), "scenario file or folder (default: built-in, 2 s)")
        ("scenarios-reload-ms",
         po::value<unsigned>()->default_value(count_of(defaults.scenarios_reload)),
         "how often to look for changed scenario files, in ms; 0 turns hot reload off")
        ("api-key", po::value<std::vector<std::string>>()->composing(),
         "accepted bearer token; repeatable (default: any non-empty token, one tenant each)")
        ("auth-failure-status", po::value<unsigned>()->default_value(defaults.auth_failure_status),
         "status for missing or rejected credentials: 403 (Eden's) or 401")
        ("rate-limit", po::value<std::uint32_t>()->default_value(defaults.rate_limit),
         "requests per second each API key may make to /v2 and /v3 (Eden: 10 on /v3) before "
         "429 with retry_after; 0: no limit")
        ("max-body-bytes", po::value<std::uint64_t>()->default_value(defaults.max_body_bytes),
         "largest request body accepted; larger ones get 413")
        ("threads", po::value<unsigned>()->default_value(defaults.threads), "I/O threads")
        ("log-level",
         po::value<std::string>()->default_value(
             std::string{log::level_names(defaults.log_level)}),
         "debug, info (one access-log line per request), warn, error or off")
        ("log-format",
         po::value<std::string>()->default_value(
             std::string{log::format_names(defaults.log_format)}),
         "text, or json: one JSON object per line (ts, level, msg; access lines add fields)")
        ("request-journal-size",
         po::value<unsigned>()->default_value(static_cast<unsigned>(defaults.request_journal_size)),
         "API requests kept by GET /_emulator/requests (the oldest are dropped)")
        ("list-state",
         po::value<std::string>()->default_value(
             std::string{jobs::list_mode_names(defaults.list_mode)}),
         "live, or lazy: the list endpoint shows a job's state as of its last GET, as Eden documents")
        ("hints",
         po::value<std::string>()->default_value(std::string{net::hint_mode_names(defaults.hints)}),
         "on: errors carry an X-Edenmock-Hint header saying what was near (a route, a provider, "
         "a job's feature or key); own: the same but never about another key's jobs; off: none")
        ("v3-retention",
         po::value<std::string>()->default_value(duration_text(jobs::default_v3_retention)),
         "how long an ended v3 job is kept (on the emulator's clock) unless its scenario says; "
         "0 keeps it until deleted")
        ("request-timeout",
         po::value<unsigned>()->default_value(count_of(defaults.request_timeout)),
         "seconds allowed to read a request, to write a response, and to idle between requests")
        ("webhook-key", po::value<std::string>(),
         "RSA private key (PEM) that signs webhooks (default: a key generated at first use)")
        ("webhook-signing",
         po::value<std::string>()->default_value(defaults.webhook.signing ? "on" : "off"),
         "on, or off: send webhooks without x-edenai-signature")
        ("webhook-signature",
         po::value<std::string>()->default_value(
             std::string{webhooks::signature_scheme_names(defaults.webhook.signature)}),
         "what v2 signatures sign: digest (the hex SHA-256 of the body, as Eden's samples "
         "verify) or body (the body bytes); v3 always signs the digest")
        ("webhook-insecure",
         po::value<bool>()->default_value(defaults.webhook_insecure)->implicit_value(true),
         "https receivers: do not check certificates")
        ("webhook-ca-file", po::value<std::string>(),
         "https receivers: PEM file of CAs trusted besides the system's")
        ("webhook-retries", po::value<unsigned>()->default_value(defaults.webhook.retries),
         "retries after a failed first attempt (5xx, timeout, network error; never after 4xx)")
        ("webhook-backoff",
         po::value<std::string>()->default_value(duration_text(defaults.webhook.backoff)),
         "delay before the first retry; doubles for each next one (emulator time)")
        ("webhook-backoff-cap",
         po::value<std::string>()->default_value(duration_text(defaults.webhook.backoff_cap)),
         "longest delay between retries")
        ("webhook-timeout",
         po::value<std::string>()->default_value(duration_text(defaults.webhook.attempt_timeout)),
         "time an attempt may take before it counts as failed (emulator time)")
        ("v3-webhook-timeout",
         po::value<std::string>()->default_value(
             duration_text(defaults.webhook.v3_attempt_timeout)),
         "the same for deliveries of v3 jobs")
        ("webhook-allow", po::value<std::vector<std::string>>()->composing(),
         "receiver host glob deliveries may go to; repeatable (default: every host)")
        ("webhook-deny", po::value<std::vector<std::string>>()->composing(),
         "receiver host glob deliveries never go to; repeatable; wins over --webhook-allow")
        ("webhook-strict",
         po::value<bool>()->default_value(defaults.webhook.strict)->implicit_value(true),
         "refuse receivers as Eden does: http:// URLs, and hosts that are or resolve to "
         "loopback, private, link-local, CGNAT or unspecified addresses")
        ("webhook-journal-size",
         po::value<unsigned>()->default_value(static_cast<unsigned>(defaults.webhook.journal_size)),
         "delivery attempts kept by GET /_emulator/webhooks (the oldest are dropped)")
        ("webhook-concurrency", po::value<unsigned>()->default_value(defaults.webhook_concurrency),
         "attempts in flight per receiver host; the others wait their turn");
    // clang-format on
    po::variables_map values;
    try {
        po::store(po::parse_command_line(argc, argv, described), values);
        // Other EDENMOCK_* variables (a CI's EDENMOCK_URL, say) are not flags: they are skipped.
        const auto flag_for_variable = [&described](const std::string& variable) {
            auto name = option_for_variable(variable);
            const bool flag =
                !name.empty() && name != "help" && described.find_nothrow(name, false) != nullptr;
            return flag ? name : std::string{};
        };
        po::store(po::parse_environment(described, flag_for_variable), values);
        po::notify(values);
    } catch (const po::error& error) {
        throw usage_error{error.what()};
    }
    if (values.count("help") != 0) {
        out << described << '\n';
        return std::nullopt;
    }
    options result;
    result.host = values["host"].as<std::string>();
    const auto port = values["port"].as<unsigned>();
    if (port > 65535) {
        throw usage_error{"--port must be between 0 and 65535"};
    }
    result.port = static_cast<std::uint16_t>(port);
    if (values.count("port-file") != 0) {
        result.port_file = values["port-file"].as<std::string>();
    }
    if (values.count("ready-fd") != 0) {
        const auto fd = values["ready-fd"].as<int>();
        if (fd < 0) {
            throw usage_error{"--ready-fd must be an open file descriptor number (0 or more)"};
        }
        result.ready_fd = fd;
    }
    const auto clock = values["clock"].as<std::string>();
    const auto mode = clock_mode_names.parse(clock);
    if (!mode) {
        throw usage_error{"--clock must be " + clock_mode_names.choices() + ", not \"" + clock +
                          "\""};
    }
    result.clock = *mode;
    result.time_scale = values["time-scale"].as<double>();
    if (!(result.time_scale > 0 && result.time_scale <= 1e6)) {
        throw usage_error{"--time-scale must be above 0 and at most 1000000"};
    }
    result.auto_grace = std::chrono::milliseconds{values["auto-grace-ms"].as<unsigned>()};
    const auto start = support::parse_iso8601(values["clock-start"].as<std::string>());
    if (!start) {
        throw usage_error{"--clock-start must be an ISO-8601 time like 2026-01-01T00:00:00Z"};
    }
    result.clock_start = *start;
    if (values.count("seed") != 0) {
        result.seed = values["seed"].as<std::uint64_t>();
    }
    if (values.count("scenarios") != 0) {
        result.scenarios = values["scenarios"].as<std::string>();
    }
    result.scenarios_reload =
        std::chrono::milliseconds{values["scenarios-reload-ms"].as<unsigned>()};
    if (values.count("api-key") != 0) {
        result.api_keys = split_keys(values["api-key"].as<std::vector<std::string>>());
    }
    result.auth_failure_status = values["auth-failure-status"].as<unsigned>();
    if (result.auth_failure_status != 401 && result.auth_failure_status != 403) {
        throw usage_error{"--auth-failure-status must be 401 or 403"};
    }
    result.max_body_bytes = values["max-body-bytes"].as<std::uint64_t>();
    result.threads = values["threads"].as<unsigned>();
    if (result.threads == 0 || result.threads > 64) {
        throw usage_error{"--threads must be between 1 and 64"};
    }
    const auto level = log::level_names.parse(values["log-level"].as<std::string>());
    if (!level) {
        throw usage_error{"--log-level must be " + log::level_names.choices()};
    }
    result.log_level = *level;
    const auto format = log::format_names.parse(values["log-format"].as<std::string>());
    if (!format) {
        throw usage_error{"--log-format must be " + log::format_names.choices()};
    }
    result.log_format = *format;
    result.rate_limit = values["rate-limit"].as<std::uint32_t>();
    result.request_journal_size = values["request-journal-size"].as<unsigned>();
    if (result.request_journal_size == 0) {
        throw usage_error{"--request-journal-size must be at least 1"};
    }
    const auto list_mode = jobs::list_mode_names.parse(values["list-state"].as<std::string>());
    if (!list_mode) {
        throw usage_error{"--list-state must be " + jobs::list_mode_names.choices()};
    }
    result.list_mode = *list_mode;
    const auto hints = net::hint_mode_names.parse(values["hints"].as<std::string>());
    if (!hints) {
        throw usage_error{"--hints must be " + net::hint_mode_names.choices()};
    }
    result.hints = *hints;
    const auto retention = duration_flag(values, "v3-retention", false);
    result.v3_retention =
        retention.count() == 0 ? std::nullopt : std::optional<scheduling::duration>{retention};
    const auto timeout = values["request-timeout"].as<unsigned>();
    if (timeout == 0) {
        throw usage_error{"--request-timeout must be at least 1 second"};
    }
    result.request_timeout = std::chrono::seconds{timeout};
    read_webhook_options(values, result);
    return result;
}

} // namespace emu::app
