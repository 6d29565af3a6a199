#include "server/app/options.hpp"

#include "server/app/flag_values.hpp"
#include "server/support/iso_time.hpp"
#include "server/support/near_words.hpp"
#include "server/support/text.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/program_options.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <ostream>
#include <set>
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

// "60", "0.5": a number in its shortest form.
std::string number_text(double value) {
    std::array<char, 32> buffer{};
    const auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return {buffer.data(), written.ptr};
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

// "real|manual|scaled|auto": an enum's names as --help shows a flag's value.
template <class Enum, std::size_t N>
std::string alternatives(const support::enum_names<Enum, N>& names) {
    return support::join(names.names, "|");
}

// A flag's value, read as text (flag_values checks it); `shown` is how --help names it.
po::typed_value<std::string>* text(const std::string& shown) {
    return po::value<std::string>()->value_name(shown);
}

po::typed_value<std::string>* text(const std::string& shown, const std::string& fallback) {
    return text(shown)->default_value(fallback);
}

// A switch: the flag alone is on; =on / =off (or a twin's value) say which.
po::typed_value<std::string>* on_off_switch(bool fallback) {
    return text("[=on|off]", fallback ? "on" : "off")->implicit_value("on", "");
}

// A repeatable flag.
po::typed_value<std::vector<std::string>>* repeated(const std::string& shown) {
    return po::value<std::vector<std::string>>()->value_name(shown)->composing();
}

// --host: an IP address; "localhost" is 127.0.0.1, and an IPv6 address may come in brackets as
// in URLs ("[::1]").
std::string host_flag(const flag_values& flags) {
    const auto given = flags.text("host");
    if (given == "localhost") {
        return "127.0.0.1";
    }
    std::string_view address = given;
    if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
        address = address.substr(1, address.size() - 2);
    }
    boost::system::error_code ec;
    const auto parsed = boost::asio::ip::make_address(address, ec);
    if (!ec) {
        return parsed.to_string();
    }
    std::string hint;
    const auto colon = given.rfind(':');
    if (given.starts_with("http://") || given.starts_with("https://")) {
        hint = "give the address alone, and the port with --port";
    } else if (colon != std::string::npos && given.find(':') == colon) {
        hint = "give the port with --port";
    }
    flags.refuse(
        "host", "an IP address such as 127.0.0.1, ::1 or 0.0.0.0 (every interface)", given, hint);
}

// --time-scale: a number above 0, at most a million.
double time_scale_flag(const flag_values& flags) {
    const auto given = flags.text("time-scale");
    double scale = 0;
    const auto* end = given.data() + given.size();
    const auto [stop, error] = std::from_chars(given.data(), end, scale);
    if (error != std::errc{} || stop != end || !(scale > 0 && scale <= 1e6)) {
        flags.refuse("time-scale", "a number above 0 and at most 1000000", given);
    }
    return scale;
}

// --auth-failure-status: Eden's 403, or 401.
unsigned auth_failure_status_flag(const flag_values& flags) {
    const auto given = flags.text("auth-failure-status");
    if (given != "401" && given != "403") {
        flags.refuse("auth-failure-status", "401 or 403", given);
    }
    return given == "401" ? 401 : 403;
}

// "unrecognised option '--prot'; did you mean --port?"
std::string unknown_flag_message(const po::unknown_option& error,
                                 const po::options_description& described) {
    auto token = error.get_option_name(); // "--prot", or "--prot=1"
    token.erase(std::min(token.find('='), token.size()));
    std::vector<std::string_view> names;
    for (const auto& option : described.options()) {
        names.push_back(option->long_name());
    }
    const auto near =
        support::nearest_word(std::string_view{token}.substr(token.find_first_not_of('-')), names);
    return "unrecognised option '" + token + "'" +
           (near ? "; did you mean --" + *near + "?" : "; edenmock --help lists the flags");
}

// Refuses a word that follows no flag ("edenmock 8080").
void refuse_stray_words(const po::parsed_options& given) {
    for (const auto& option : given.options) {
        if (option.position_key >= 0) {
            throw usage_error{"unexpected argument \"" + option.value.front() +
                              "\": every value follows its flag, as in --port 8080"};
        }
    }
}

void read_webhook_options(const flag_values& flags, options& result) {
    auto& webhook = result.webhook;
    if (flags.has("webhook-key")) {
        result.webhook_key = flags.text("webhook-key");
    }
    webhook.signing = flags.on_off("webhook-signing");
    webhook.signature = flags.choice("webhook-signature", webhooks::signature_scheme_names);
    result.webhook_insecure = flags.on_off("webhook-insecure");
    if (flags.has("webhook-ca-file")) {
        result.webhook_ca_file = flags.text("webhook-ca-file");
    }
    webhook.retries = flags.whole<unsigned>("webhook-retries", 0, 100);
    webhook.backoff = flags.duration("webhook-backoff", false);
    webhook.backoff_cap = flags.duration("webhook-backoff-cap", false);
    webhook.attempt_timeout = flags.duration("webhook-timeout", true);
    webhook.v3_attempt_timeout = flags.duration("v3-webhook-timeout", true);
    webhook.allow = flags.list("webhook-allow");
    webhook.deny = flags.list("webhook-deny");
    webhook.strict = flags.on_off("webhook-strict");
    webhook.journal_size = flags.whole<unsigned>("webhook-journal-size", 1);
    result.webhook_concurrency = flags.whole<unsigned>("webhook-concurrency", 1, 1024);
}

options read_options(const flag_values& flags) {
    options result;
    result.host = host_flag(flags);
    result.port = static_cast<std::uint16_t>(flags.whole<unsigned>("port", 0, 65535));
    if (flags.has("port-file")) {
        result.port_file = flags.text("port-file");
    }
    if (flags.has("ready-fd")) {
        result.ready_fd = flags.whole<int>("ready-fd", 0);
    }
    result.clock = flags.choice("clock", clock_mode_names);
    result.time_scale = time_scale_flag(flags);
    result.auto_grace =
        std::chrono::milliseconds{flags.whole<unsigned>("auto-grace-ms", 0, {}, "milliseconds")};
    const auto clock_start = flags.text("clock-start");
    const auto start = support::parse_iso8601(clock_start);
    if (!start) {
        flags.refuse("clock-start", "an ISO-8601 time like 2026-01-01T00:00:00Z", clock_start);
    }
    result.clock_start = *start;
    if (flags.has("seed")) {
        result.seed = flags.whole<std::uint64_t>("seed", 0);
    }
    if (flags.has("restore")) {
        result.restore = flags.text("restore");
    }
    if (flags.has("state")) {
        result.state = flags.text("state");
    }
    if (flags.has("scenarios")) {
        result.scenarios = flags.text("scenarios");
    }
    result.scenarios_reload = std::chrono::milliseconds{
        flags.whole<unsigned>("scenarios-reload-ms", 0, {}, "milliseconds")};
    result.api_keys = flags.list("api-key");
    result.auth_failure_status = auth_failure_status_flag(flags);
    result.max_body_bytes = flags.whole<std::uint64_t>("max-body-bytes", 0, {}, "bytes");
    result.result_cache_bytes = flags.whole<std::uint64_t>("result-cache-bytes", 0, {}, "bytes");
    result.threads = flags.whole<unsigned>("threads", 1, 64);
    result.log_level = flags.choice("log-level", log::level_names);
    result.log_format = flags.choice("log-format", log::format_names);
    result.rate_limit = flags.whole<std::uint32_t>("rate-limit", 0, {}, "requests per second");
    result.request_journal_size = flags.whole<unsigned>("request-journal-size", 1);
    result.list_mode = flags.choice("list-state", jobs::list_mode_names);
    result.hints = flags.choice("hints", net::hint_mode_names);
    const auto retention = flags.duration("v3-retention", false);
    result.v3_retention =
        retention.count() == 0 ? std::nullopt : std::optional<scheduling::duration>{retention};
    result.request_timeout =
        std::chrono::seconds{flags.whole<unsigned>("request-timeout", 1, {}, "seconds")};
    read_webhook_options(flags, result);
    return result;
}

} // namespace

std::optional<options> parse_options(int argc, const char* const argv[], std::ostream& out) {
    po::options_description described{
        "edenmock: a local emulator of Eden AI's asynchronous job API, v3 and v2.\n"
        "Every flag can also be set with an environment variable: --max-body-bytes is\n"
        "EDENMOCK_MAX_BODY_BYTES (EDENMOCK_API_KEY, EDENMOCK_WEBHOOK_ALLOW and\n"
        "EDENMOCK_WEBHOOK_DENY take comma-separated lists). A DURATION is a number with\n"
        "us, ms, s, m, h or d (\"250ms\", \"1.5s\", \"7d\"). A switch ([=on|off]) is on\n"
        "given alone, or takes on or off.\n\nOptions",
        100,
        50};
    const options defaults{};
    // clang-format off
    described.add_options()
        ("help", "print this help and exit")
        ("host", text("IP", defaults.host),
         "address to listen on: IPv4 or IPv6 (127.0.0.1, ::1, 0.0.0.0 for every interface), or "
         "localhost (127.0.0.1)")
        ("port", text("N", std::to_string(defaults.port)),
         "port to listen on, 0 to 65535; 0 picks a free one")
        ("port-file", text("PATH"), "write the port to this file once listening")
        ("ready-fd", text("N"),
         "write the ready line to this inherited file descriptor once listening, then close it")
        ("clock", text(alternatives(clock_mode_names), std::string{to_string(defaults.clock)}),
         "real; manual (time moves only with POST /_emulator/clock/advance); scaled (real time "
         "× --time-scale); or auto (real time that jumps to the next due event when idle)")
        ("time-scale", text("X", number_text(defaults.time_scale)),
         "--clock scaled: emulated seconds per real second (above 0, at most 1000000)")
        ("auto-grace-ms", text("N", std::to_string(defaults.auto_grace.count())),
         "--clock auto: milliseconds no request or delivery may be in flight before time skips")
        ("clock-start", text("ISO-8601", time_text(defaults.clock_start)),
         "start time of the manual clock")
        ("seed", text("N"), "seed for ids and generated results (default: random, logged)")
        ("scenarios", text("PATH"), "scenario file or folder (default: built-in, 2 s)")
        ("scenarios-reload-ms", text("N", std::to_string(defaults.scenarios_reload.count())),
         "how often to look for changed scenario files, in ms of real time; 0 turns hot reload "
         "off")
        ("state", text("PATH"),
         "keep the state in this SQLite file (made if absent) and carry on from it at start; "
         "launches and uploads are on disk before they are answered")
        ("restore", text("FILE"),
         "load this snapshot (GET /_emulator/snapshot's document) at start; its seed must match")
        ("api-key", repeated("KEY"),
         "accepted bearer token; repeatable (default: any non-empty token, one tenant each)")
        ("auth-failure-status", text("401|403", std::to_string(defaults.auth_failure_status)),
         "status for missing or rejected credentials: 403 (Eden's) or 401")
        ("rate-limit", text("N", std::to_string(defaults.rate_limit)),
         "requests per second each API key may make to /v2 and /v3 (Eden: 10 on /v3) before "
         "429 with retry_after; 0: no limit")
        ("max-body-bytes", text("N", std::to_string(defaults.max_body_bytes)),
         "largest request body accepted, in bytes; larger ones get 413")
        ("result-cache-bytes", text("N", std::to_string(defaults.result_cache_bytes)),
         "memory for finished results kept rendered, so polls of finished jobs skip generating "
         "them again; 0: render every poll")
        ("threads", text("N", std::to_string(defaults.threads)), "I/O threads, 1 to 64")
        ("log-level",
         text(alternatives(log::level_names), std::string{log::level_names(defaults.log_level)}),
         "debug, info (one access-log line per request), warn, error or off")
        ("log-format",
         text(alternatives(log::format_names), std::string{log::format_names(defaults.log_format)}),
         "text, or json: one JSON object per line (ts, level, msg; access lines add fields)")
        ("request-journal-size", text("N", std::to_string(defaults.request_journal_size)),
         "API requests kept by GET /_emulator/requests (the oldest are dropped)")
        ("list-state",
         text(alternatives(jobs::list_mode_names),
              std::string{jobs::list_mode_names(defaults.list_mode)}),
         "live, or lazy: the list endpoint shows a job's state as of its last GET, as Eden documents")
        ("hints",
         text(alternatives(net::hint_mode_names), std::string{net::hint_mode_names(defaults.hints)}),
         "on: errors carry an X-Edenmock-Hint header saying what was near (a route, a provider, "
         "a job's feature or key); own: the same but never about another key's jobs; off: none")
        ("v3-retention", text("DURATION", duration_text(jobs::default_v3_retention)),
         "how long an ended v3 job is kept (on the emulator's clock) unless its scenario says; "
         "0 keeps it until deleted")
        ("request-timeout", text("SECONDS", std::to_string(defaults.request_timeout.count())),
         "seconds allowed to read a request, to write a response, and to idle between requests")
        ("webhook-key", text("PEM"),
         "RSA private key file (PEM) that signs webhooks (default: a key generated at first use)")
        ("webhook-signing", text("on|off", defaults.webhook.signing ? "on" : "off"),
         "on, or off: send webhooks without x-edenai-signature")
        ("webhook-signature",
         text(alternatives(webhooks::signature_scheme_names),
              std::string{webhooks::signature_scheme_names(defaults.webhook.signature)}),
         "what v2 signatures sign: digest (the hex SHA-256 of the body, as Eden's samples "
         "verify) or body (the body bytes); v3 always signs the digest")
        ("webhook-insecure", on_off_switch(defaults.webhook_insecure),
         "https receivers: do not check certificates")
        ("webhook-ca-file", text("PEM"),
         "https receivers: PEM file of CAs trusted besides the system's")
        ("webhook-retries", text("N", std::to_string(defaults.webhook.retries)),
         "retries after a failed first attempt, 0 to 100 (5xx, timeout, network error; never "
         "after 4xx)")
        ("webhook-backoff", text("DURATION", duration_text(defaults.webhook.backoff)),
         "delay before the first retry; doubles for each next one (emulator time)")
        ("webhook-backoff-cap", text("DURATION", duration_text(defaults.webhook.backoff_cap)),
         "longest delay between retries")
        ("webhook-timeout", text("DURATION", duration_text(defaults.webhook.attempt_timeout)),
         "time an attempt may take before it counts as failed (emulator time)")
        ("v3-webhook-timeout",
         text("DURATION", duration_text(defaults.webhook.v3_attempt_timeout)),
         "the same for deliveries of v3 jobs")
        ("webhook-allow", repeated("GLOB"),
         "receiver host glob deliveries may go to; repeatable (default: every host)")
        ("webhook-deny", repeated("GLOB"),
         "receiver host glob deliveries never go to; repeatable; wins over --webhook-allow")
        ("webhook-strict", on_off_switch(defaults.webhook.strict),
         "refuse receivers as Eden does: http:// URLs, and hosts that are or resolve to "
         "loopback, private, link-local, CGNAT or unspecified addresses")
        ("webhook-journal-size", text("N", std::to_string(defaults.webhook.journal_size)),
         "delivery attempts kept by GET /_emulator/webhooks (the oldest are dropped)")
        ("webhook-concurrency", text("N", std::to_string(defaults.webhook_concurrency)),
         "attempts in flight per receiver host, 1 to 1024; the others wait their turn");
    // clang-format on
    po::variables_map values;
    std::set<std::string> on_command_line;
    try {
        const auto given = po::parse_command_line(argc, argv, described);
        refuse_stray_words(given);
        for (const auto& option : given.options) {
            on_command_line.insert(option.string_key);
        }
        po::store(given, values);
        // Other EDENMOCK_* variables (a CI's EDENMOCK_URL, say) are not flags: they are skipped.
        const auto flag_for_variable = [&described](const std::string& variable) {
            auto name = option_for_variable(variable);
            const bool flag =
                !name.empty() && name != "help" && described.find_nothrow(name, false) != nullptr;
            return flag ? name : std::string{};
        };
        po::store(po::parse_environment(described, flag_for_variable), values);
        po::notify(values);
    } catch (const po::unknown_option& error) {
        throw usage_error{unknown_flag_message(error, described)};
    } catch (const po::error& error) {
        throw usage_error{error.what()};
    }
    if (values.count("help") != 0) {
        out << described << '\n';
        return std::nullopt;
    }
    return read_options(flag_values{std::move(values), std::move(on_command_line)});
}

} // namespace emu::app
