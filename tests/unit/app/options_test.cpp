#include "server/app/options.hpp"
#include "server/support/iso_time.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <type_traits>

using namespace emu::app;

namespace {

options parse(std::vector<const char*> args) {
    args.insert(args.begin(), "edenmock");
    std::ostringstream out;
    return *parse_options(static_cast<int>(args.size()), args.data(), out);
}

// A member of options as text, so that members of every type compare the same way.
template <typename T>
std::string shown(const T& value) {
    if constexpr (std::is_enum_v<T>) {
        return std::to_string(static_cast<int>(value));
    } else if constexpr (std::is_arithmetic_v<T>) {
        return std::to_string(value);
    } else if constexpr (requires { value.count(); }) {
        return std::to_string(value.count());
    } else if constexpr (requires { value.time_since_epoch(); }) {
        return emu::support::format_utc(value);
    } else {
        return value;
    }
}

// The members of `o` that the flags with a default set, by flag, as text. The tests of --help
// and of the README fail when a flag with a default is missing here.
std::map<std::string, std::string> defaulted_members(const options& o) {
    return {
        {"--host", shown(o.host)},
        {"--port", shown(o.port)},
        {"--clock", shown(o.clock)},
        {"--time-scale", shown(o.time_scale)},
        {"--auto-grace-ms", shown(o.auto_grace)},
        {"--clock-start", shown(o.clock_start)},
        {"--scenarios-reload-ms", shown(o.scenarios_reload)},
        {"--auth-failure-status", shown(o.auth_failure_status)},
        {"--max-body-bytes", shown(o.max_body_bytes)},
        {"--threads", shown(o.threads)},
        {"--log-level", shown(o.log_level)},
        {"--log-format", shown(o.log_format)},
        {"--request-journal-size", shown(o.request_journal_size)},
        {"--list-state", shown(o.list_mode)},
        {"--hints", shown(o.hints)},
        {"--rate-limit", shown(o.rate_limit)},
        {"--v3-retention", shown(o.v3_retention.value_or(emu::scheduling::duration::zero()))},
        {"--request-timeout", shown(o.request_timeout)},
        {"--webhook-signing", shown(o.webhook.signing)},
        {"--webhook-signature", shown(o.webhook.signature)},
        {"--webhook-insecure", shown(o.webhook_insecure)},
        {"--webhook-retries", shown(o.webhook.retries)},
        {"--webhook-backoff", shown(o.webhook.backoff)},
        {"--webhook-backoff-cap", shown(o.webhook.backoff_cap)},
        {"--webhook-timeout", shown(o.webhook.attempt_timeout)},
        {"--v3-webhook-timeout", shown(o.webhook.v3_attempt_timeout)},
        {"--webhook-strict", shown(o.webhook.strict)},
        {"--webhook-journal-size", shown(o.webhook.journal_size)},
        {"--webhook-concurrency", shown(o.webhook_concurrency)},
    };
}

// The member `flag` sets when given as `text`.
std::string member_given(const std::string& flag, const std::string& text) {
    const auto arg = flag + "=" + text;
    return defaulted_members(parse({arg.c_str()})).at(flag);
}

// What --help shows: each flag, with its default ("--port arg (=8080)") or without one.
std::map<std::string, std::optional<std::string>> help_flags() {
    const char* args[] = {"edenmock", "--help"};
    std::ostringstream out;
    parse_options(2, args, out);
    // "--webhook-insecure [=arg(=1)] (=0)": the implicit value comes first, the default last.
    const std::regex line{
        R"(^  (--[a-z0-9-]+)(?: \[=arg\(=[^)]*\)\])?(?: arg)?(?: \(=([^)]*)\))?)"};
    std::map<std::string, std::optional<std::string>> flags;
    std::istringstream text{out.str()};
    for (std::string row; std::getline(text, row);) {
        std::smatch match;
        if (std::regex_search(row, match, line) && match[1] != "--help") {
            flags[match[1]] = match[2].matched ? std::optional{match[2].str()} : std::nullopt;
        }
    }
    return flags;
}

// The README's flag table (section "## Command line"): each flag, with the default its second
// column gives in backquotes ("`8080`"), or without one ("none", "random").
std::map<std::string, std::optional<std::string>> readme_flags() {
    std::ifstream file{EDENMOCK_README};
    BOOST_TEST_REQUIRE(file.is_open(), EDENMOCK_README);
    std::map<std::string, std::optional<std::string>> flags;
    bool in_section = false;
    for (std::string line; std::getline(file, line);) {
        if (line.starts_with("## ")) {
            in_section = line == "## Command line";
        }
        if (!in_section || !line.starts_with("| `--")) {
            continue;
        }
        // Cells are split at the '|' that are not escaped ("real\|manual").
        std::vector<std::string> cells{""};
        for (std::size_t i = 1; i < line.size(); ++i) {
            if (line[i] == '|' && line[i - 1] != '\\') {
                cells.emplace_back();
            } else {
                cells.back() += line[i];
            }
        }
        BOOST_TEST_REQUIRE(cells.size() >= 3u, line);
        std::smatch flag;
        BOOST_TEST_REQUIRE(std::regex_search(cells[0], flag, std::regex{"`(--[a-z0-9-]+)"}), line);
        std::smatch value;
        const bool has_value = std::regex_search(cells[1], value, std::regex{R"(^ `([^`]*)`)"});
        flags[flag[1]] = has_value ? std::optional{value[1].str()} : std::nullopt;
    }
    return flags;
}

} // namespace

BOOST_AUTO_TEST_SUITE(command_line)

BOOST_AUTO_TEST_CASE(defaults_match_the_readme) {
    const auto o = parse({});
    BOOST_TEST(o.host == "127.0.0.1");
    BOOST_TEST(o.port == 8080);
    BOOST_TEST((o.clock == clock_mode::real));
    BOOST_TEST(o.auth_failure_status == 403u);
    BOOST_TEST(!o.seed.has_value());
    BOOST_TEST(!o.ready_fd.has_value());
    BOOST_TEST(parse({"--ready-fd", "3"}).ready_fd.value_or(-1) == 3);
}

BOOST_AUTO_TEST_CASE(flags_and_environment_twins) {
    ::setenv("EDENMOCK_PORT", "9999", 1);
    ::setenv("EDENMOCK_API_KEY", "a,b", 1);
    ::setenv("EDENMOCK_URL", "http://127.0.0.1:1", 1); // not a flag: skipped, not refused
    ::setenv("EDENMOCK_HELP", "1", 1);                 // nor is help
    const auto o = parse({"--clock", "manual", "--seed", "5", "--port", "0"});
    ::unsetenv("EDENMOCK_PORT");
    ::unsetenv("EDENMOCK_API_KEY");
    ::unsetenv("EDENMOCK_URL");
    ::unsetenv("EDENMOCK_HELP");
    BOOST_TEST(o.port == 0); // the command line wins over the environment
    BOOST_TEST((o.clock == clock_mode::manual));
    BOOST_TEST(*o.seed == 5u);
    BOOST_TEST(o.api_keys == (std::vector<std::string>{"a", "b"}));
}

BOOST_AUTO_TEST_CASE(bad_values_are_usage_errors) {
    BOOST_CHECK_THROW(parse({"--clock", "fast"}), usage_error);
    BOOST_CHECK_THROW(parse({"--auth-failure-status", "500"}), usage_error);
    BOOST_CHECK_THROW(parse({"--clock-start", "tomorrow"}), usage_error);
    BOOST_CHECK_THROW(parse({"--port", "70000"}), usage_error);
    BOOST_CHECK_THROW(parse({"--no-such-flag"}), usage_error);
    BOOST_CHECK_THROW(parse({"--log-level", "loud"}), usage_error);
}

BOOST_AUTO_TEST_CASE(observability_flags_and_environment_twins) {
    const auto defaults = parse({});
    BOOST_TEST((defaults.log_format == emu::log::format::text));
    BOOST_TEST(defaults.request_journal_size == 10000u);
    ::setenv("EDENMOCK_LOG_FORMAT", "json", 1);
    const auto o = parse({"--request-journal-size", "5"});
    ::unsetenv("EDENMOCK_LOG_FORMAT");
    BOOST_TEST((o.log_format == emu::log::format::json));
    BOOST_TEST(o.request_journal_size == 5u);
    BOOST_CHECK_THROW(parse({"--log-format", "yaml"}), usage_error);
    BOOST_CHECK_THROW(parse({"--request-journal-size", "0"}), usage_error);
}

BOOST_AUTO_TEST_CASE(webhook_defaults_follow_api_notes) {
    const auto o = parse({});
    BOOST_TEST(o.webhook.retries == 3u);
    BOOST_TEST(o.webhook.backoff.count() == 1000000);
    BOOST_TEST(o.webhook.backoff_cap.count() == 30000000);
    BOOST_TEST(o.webhook.attempt_timeout.count() == 10000000);
    BOOST_TEST(o.webhook.signing);
    BOOST_TEST(o.webhook.allow.empty());
    BOOST_TEST(o.webhook.deny.empty());
    BOOST_TEST(o.webhook.journal_size == 1000u);
    BOOST_TEST(!o.webhook_insecure);
    BOOST_TEST(o.webhook_key.empty());
    BOOST_TEST(o.webhook_concurrency == 8u);
}

BOOST_AUTO_TEST_CASE(webhook_flags_and_environment_twins) {
    ::setenv("EDENMOCK_WEBHOOK_DENY", "*.prod,10.*", 1);
    ::setenv("EDENMOCK_WEBHOOK_INSECURE", "true", 1);
    const auto o = parse({"--webhook-retries",
                          "5",
                          "--webhook-backoff",
                          "250ms",
                          "--webhook-backoff-cap",
                          "2s",
                          "--webhook-timeout",
                          "1.5s",
                          "--webhook-allow",
                          "localhost",
                          "--webhook-allow",
                          "*.test",
                          "--webhook-signing",
                          "off",
                          "--webhook-journal-size",
                          "10"});
    ::unsetenv("EDENMOCK_WEBHOOK_DENY");
    ::unsetenv("EDENMOCK_WEBHOOK_INSECURE");
    BOOST_TEST(o.webhook.retries == 5u);
    BOOST_TEST(o.webhook.backoff.count() == 250000);
    BOOST_TEST(o.webhook.backoff_cap.count() == 2000000);
    BOOST_TEST(o.webhook.attempt_timeout.count() == 1500000);
    BOOST_TEST(o.webhook.allow == (std::vector<std::string>{"localhost", "*.test"}));
    BOOST_TEST(o.webhook.deny == (std::vector<std::string>{"*.prod", "10.*"}));
    BOOST_TEST(!o.webhook.signing);
    BOOST_TEST(o.webhook_insecure);
    BOOST_TEST(o.webhook.journal_size == 10u);
}

BOOST_AUTO_TEST_CASE(bad_webhook_values_are_usage_errors) {
    BOOST_CHECK_THROW(parse({"--webhook-backoff", "soon"}), usage_error);
    BOOST_CHECK_THROW(parse({"--webhook-timeout", "0s"}), usage_error);
    BOOST_CHECK_THROW(parse({"--webhook-signing", "maybe"}), usage_error);
    BOOST_CHECK_THROW(parse({"--ready-fd", "-1"}), usage_error);
    BOOST_CHECK_THROW(parse({"--ready-fd", "three"}), usage_error);
    BOOST_CHECK_THROW(parse({"--webhook-journal-size", "0"}), usage_error);
    BOOST_CHECK_THROW(parse({"--webhook-concurrency", "0"}), usage_error);
    BOOST_CHECK_THROW(parse({"--webhook-retries", "101"}), usage_error);
}

BOOST_AUTO_TEST_CASE(hints_are_on_own_or_off) {
    BOOST_TEST((parse({}).hints == emu::net::hint_mode::on));
    BOOST_TEST((parse({"--hints", "own"}).hints == emu::net::hint_mode::own));
    BOOST_TEST((parse({"--hints=off"}).hints == emu::net::hint_mode::off));
    BOOST_CHECK_THROW(parse({"--hints", "none"}), usage_error);
}

BOOST_AUTO_TEST_CASE(help_prints_every_flag) {
    const char* args[] = {"edenmock", "--help"};
    std::ostringstream out;
    BOOST_TEST(!parse_options(2, args, out));
    for (const auto* flag : {"--host",
                             "--port",
                             "--port-file",
                             "--ready-fd",
                             "--clock",
                             "--clock-start",
                             "--seed",
                             "--scenarios",
                             "--api-key",
                             "--auth-failure-status",
                             "--max-body-bytes",
                             "--threads",
                             "--log-level",
                             "--webhook-key",
                             "--webhook-signing",
                             "--webhook-signature",
                             "--webhook-strict",
                             "--v3-webhook-timeout",
                             "--webhook-insecure",
                             "--webhook-ca-file",
                             "--webhook-retries",
                             "--webhook-backoff",
                             "--webhook-backoff-cap",
                             "--webhook-timeout",
                             "--webhook-allow",
                             "--webhook-deny",
                             "--webhook-journal-size",
                             "--webhook-concurrency"}) {
        BOOST_TEST(out.str().find(flag) != std::string::npos, flag);
    }
}

BOOST_AUTO_TEST_CASE(help_shows_the_defaults_of_the_options_struct) {
    const auto defaults = defaulted_members(options{});
    const auto not_given = defaulted_members(parse({}));
    std::set<std::string> shown_with_default;
    for (const auto& [flag, shown_default] : help_flags()) {
        if (!shown_default) {
            continue;
        }
        shown_with_default.insert(flag);
        BOOST_TEST_REQUIRE(defaults.contains(flag), flag << ": missing in defaulted_members()");
        // The value --help shows is the struct's, and so is the value of a flag not given.
        BOOST_TEST(member_given(flag, *shown_default) == defaults.at(flag),
                   flag << ": --help shows " << *shown_default);
        BOOST_TEST(not_given.at(flag) == defaults.at(flag), flag << ": not given");
    }
    BOOST_TEST(shown_with_default.size() == defaults.size());
}

BOOST_AUTO_TEST_CASE(readme_flag_table_shows_the_defaults_of_the_options_struct) {
    const auto defaults = defaulted_members(options{});
    const auto help = help_flags();
    const auto readme = readme_flags();
    std::set<std::string> help_names;
    for (const auto& entry : help) {
        help_names.insert(entry.first);
    }
    std::set<std::string> readme_names;
    for (const auto& entry : readme) {
        readme_names.insert(entry.first);
    }
    BOOST_TEST(readme_names == help_names, "the README's flags vs --help's");
    for (const auto& [flag, documented] : readme) {
        const auto shown_default = help.find(flag);
        if (shown_default == help.end()) {
            continue;
        }
        // A flag without a default names none ("none", "random (logged at start)").
        BOOST_TEST(documented.has_value() == shown_default->second.has_value(),
                   flag << ": a default in --help but not in the README, or the other way");
        if (documented && shown_default->second) {
            BOOST_TEST(member_given(flag, *documented) == defaults.at(flag),
                       flag << ": the README says `" << *documented << "`");
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
