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
        {"--result-cache-bytes", shown(o.result_cache_bytes)},
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

// A flag as --help or the README's table shows it: how its value is named ("N", "on|off",
// "[=on|off]" for a switch, empty for none), and its default if it has one.
struct shown_flag {
    std::string value;
    std::optional<std::string> fallback;
};

// What --help shows: each flag with its value's name and default ("--port N (=8080)", a switch
// "--webhook-strict [=on|off] (=off)"), or without them.
std::map<std::string, shown_flag> help_flags() {
    const char* args[] = {"edenmock", "--help"};
    std::ostringstream out;
    parse_options(2, args, out);
    const std::regex line{R"(^  (--[a-z0-9-]+)(?: (\[=[^\]]*\]|[^ (]+))?(?: \(=([^)]*)\))?)"};
    std::map<std::string, shown_flag> flags;
    std::istringstream text{out.str()};
    for (std::string row; std::getline(text, row);) {
        std::smatch match;
        if (std::regex_search(row, match, line) && match[1] != "--help") {
            flags[match[1]] = {match[2].str(),
                               match[3].matched ? std::optional{match[3].str()} : std::nullopt};
        }
    }
    return flags;
}

// The README's flag table (section "## Command line"): each flag with the name of its value
// ("`--port N`", "`--clock real\|manual`"; none for a switch), and the default its second
// column gives in backquotes ("`8080`"), or none ("none", "random").
std::map<std::string, shown_flag> readme_flags() {
    std::ifstream file{EDENMOCK_README};
    BOOST_TEST_REQUIRE(file.is_open(), EDENMOCK_README);
    std::map<std::string, shown_flag> flags;
    bool in_section = false;
    for (std::string line; std::getline(file, line);) {
        if (line.starts_with("## ")) {
            in_section = line == "## Command line";
        }
        if (!in_section || !line.starts_with("| `--")) {
            continue;
        }
        // Cells are split at the '|' that are not escaped ("real\|manual"), and unescaped.
        std::vector<std::string> cells{""};
        for (std::size_t i = 1; i < line.size(); ++i) {
            if (line[i] == '|' && line[i - 1] != '\\') {
                cells.emplace_back();
            } else if (line[i] != '\\' || i + 1 == line.size() || line[i + 1] != '|') {
                cells.back() += line[i];
            }
        }
        BOOST_TEST_REQUIRE(cells.size() >= 3u, line);
        std::smatch flag;
        BOOST_TEST_REQUIRE(
            std::regex_search(cells[0], flag, std::regex{"^ `(--[a-z0-9-]+)(?: ([^`]+))?`"}), line);
        std::smatch value;
        const bool has_value = std::regex_search(cells[1], value, std::regex{R"(^ `([^`]*)`)"});
        flags[flag[1]] = {flag[2].str(), has_value ? std::optional{value[1].str()} : std::nullopt};
    }
    return flags;
}

// What the usage_error of these arguments says; empty when they are accepted.
std::string refusal(std::vector<const char*> args) {
    try {
        parse(std::move(args));
    } catch (const usage_error& error) {
        return error.what();
    }
    return {};
}

// Sets an environment variable for the life of the object.
class scoped_variable {
public:
    scoped_variable(const char* name, const char* value)
        : name_(name) {
        ::setenv(name, value, 1);
    }

    scoped_variable(const scoped_variable&) = delete;
    scoped_variable& operator=(const scoped_variable&) = delete;

    ~scoped_variable() { ::unsetenv(name_); }

private:
    const char* name_;
};

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
    for (const auto& [flag, shown] : help_flags()) {
        if (!shown.fallback) {
            continue;
        }
        shown_with_default.insert(flag);
        BOOST_TEST_REQUIRE(defaults.contains(flag), flag << ": missing in defaulted_members()");
        // The value --help shows is the struct's, and so is the value of a flag not given.
        BOOST_TEST(member_given(flag, *shown.fallback) == defaults.at(flag),
                   flag << ": --help shows " << *shown.fallback);
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
        const auto shown = help.find(flag);
        if (shown == help.end()) {
            continue;
        }
        // The README names the value as --help does; a switch it shows alone.
        const auto help_value = shown->second.value == "[=on|off]" ? "" : shown->second.value;
        BOOST_TEST(documented.value == help_value,
                   flag << ": the README says `" << documented.value << "`, --help `" << help_value
                        << "`");
        // A flag without a default names none ("none", "random (logged at start)").
        BOOST_TEST(documented.fallback.has_value() == shown->second.fallback.has_value(),
                   flag << ": a default in --help but not in the README, or the other way");
        if (documented.fallback && shown->second.fallback) {
            BOOST_TEST(member_given(flag, *documented.fallback) == defaults.at(flag),
                       flag << ": the README says `" << *documented.fallback << "`");
        }
    }
}

BOOST_AUTO_TEST_CASE(help_shows_switches_and_value_names_not_boost_syntax) {
    const char* args[] = {"edenmock", "--help"};
    std::ostringstream out;
    parse_options(2, args, out);
    BOOST_TEST(out.str().find("arg(") == std::string::npos, out.str());
    BOOST_TEST(out.str().find(" arg ") == std::string::npos, out.str());
    const auto help = help_flags();
    BOOST_TEST(help.at("--webhook-insecure").value == "[=on|off]");
    BOOST_TEST(help.at("--webhook-strict").value == "[=on|off]");
    BOOST_TEST(help.at("--port").value == "N");
    BOOST_TEST(help.at("--clock").value == "real|manual|scaled|auto");
    BOOST_TEST(help.at("--host").value == "IP");
}

BOOST_AUTO_TEST_CASE(every_whole_number_flag_refuses_a_negative_or_a_non_number) {
    for (const auto* flag : {"--port",
                             "--ready-fd",
                             "--auto-grace-ms",
                             "--seed",
                             "--scenarios-reload-ms",
                             "--rate-limit",
                             "--max-body-bytes",
                             "--result-cache-bytes",
                             "--threads",
                             "--request-journal-size",
                             "--request-timeout",
                             "--webhook-retries",
                             "--webhook-journal-size",
                             "--webhook-concurrency"}) {
        for (const auto* value : {"-1", "abc", "1.5", "", "12x"}) {
            const auto message = refusal({flag, value});
            const auto expected = std::string{flag} + " must be a whole number";
            BOOST_TEST(message.starts_with(expected), flag << " " << value << ": " << message);
            BOOST_TEST(message.ends_with(std::string{", not \""} + value + "\""), message);
        }
    }
}

BOOST_AUTO_TEST_CASE(whole_number_refusals_give_the_range_and_unit) {
    const std::vector<std::pair<std::vector<const char*>, std::string>> cases{
        {{"--webhook-retries", "-1"},
         R"(--webhook-retries must be a whole number from 0 to 100, not "-1")"},
        {{"--webhook-retries", "101"},
         R"(--webhook-retries must be a whole number from 0 to 100, not "101")"},
        {{"--scenarios-reload-ms", "-1"},
         R"(--scenarios-reload-ms must be a whole number of milliseconds (0 or more), not "-1")"},
        {{"--port", "70000"}, R"(--port must be a whole number from 0 to 65535, not "70000")"},
        {{"--port=abc"}, R"(--port must be a whole number from 0 to 65535, not "abc")"},
        {{"--threads", "0"}, R"(--threads must be a whole number from 1 to 64, not "0")"},
        {{"--request-timeout", "30s"},
         R"(--request-timeout must be a whole number of seconds (1 or more), not "30s")"},
        {{"--max-body-bytes", "1e6"},
         R"(--max-body-bytes must be a whole number of bytes (0 or more), not "1e6")"},
        {{"--ready-fd", "-1"}, R"(--ready-fd must be a whole number (0 or more), not "-1")"},
        {{"--seed", "18446744073709551616"},
         R"(--seed must be a whole number (0 or more), not "18446744073709551616")"},
        {{"--webhook-concurrency", "0"},
         R"(--webhook-concurrency must be a whole number from 1 to 1024, not "0")"},
        {{"--webhook-journal-size", "0"},
         R"(--webhook-journal-size must be a whole number (1 or more), not "0")"},
        {{"--auth-failure-status", "-403"},
         R"(--auth-failure-status must be 401 or 403, not "-403")"},
        {{"--time-scale", "-1"},
         R"(--time-scale must be a number above 0 and at most 1000000, not "-1")"},
        {{"--time-scale", "fast"},
         R"(--time-scale must be a number above 0 and at most 1000000, not "fast")"},
    };
    for (const auto& [args, message] : cases) {
        BOOST_TEST(refusal(args) == message);
    }
    BOOST_TEST(parse({"--seed", "18446744073709551615"}).seed.value_or(0) == 18446744073709551615u);
    BOOST_TEST(parse({"--port", "65535"}).port == 65535);
    BOOST_TEST(parse({"--time-scale", "0.5"}).time_scale == 0.5);
}

BOOST_AUTO_TEST_CASE(an_unknown_flag_is_answered_with_the_nearest_one) {
    BOOST_TEST(refusal({"--prot", "1"}) == "unrecognised option '--prot'; did you mean --port?");
    BOOST_TEST(refusal({"--prot=1"}) == "unrecognised option '--prot'; did you mean --port?");
    BOOST_TEST(refusal({"--webhok-strict"}) ==
               "unrecognised option '--webhok-strict'; did you mean --webhook-strict?");
    BOOST_TEST(refusal({"--no-such-flag"}) ==
               "unrecognised option '--no-such-flag'; edenmock --help lists the flags");
}

BOOST_AUTO_TEST_CASE(a_bad_choice_lists_the_choices_and_the_near_one) {
    BOOST_TEST(
        refusal({"--clock", "manul"}) ==
        R"(--clock must be real, manual, scaled or auto, not "manul"; did you mean manual?)");
    BOOST_TEST(refusal({"--log-level", "loud"}) ==
               R"(--log-level must be debug, info, warn, error or off, not "loud")");
    BOOST_TEST(
        refusal({"--log-level", "WARN"}) ==
        R"(--log-level must be debug, info, warn, error or off, not "WARN"; did you mean warn?)");
    BOOST_TEST(refusal({"--list-state", "lazzy"}) ==
               R"(--list-state must be live or lazy, not "lazzy"; did you mean lazy?)");
    BOOST_TEST(refusal({"--webhook-signature", "digets"}) ==
               R"(--webhook-signature must be digest or body, not "digets"; did you mean digest?)");
    BOOST_TEST(refusal({"--log-format", "yaml"}) ==
               R"(--log-format must be text or json, not "yaml")");
}

BOOST_AUTO_TEST_CASE(host_is_an_ip_address_or_localhost) {
    BOOST_TEST(parse({"--host", "localhost"}).host == "127.0.0.1");
    BOOST_TEST(parse({"--host", "::1"}).host == "::1");
    BOOST_TEST(parse({"--host", "[::1]"}).host == "::1");
    BOOST_TEST(parse({"--host", "0.0.0.0"}).host == "0.0.0.0");
    const std::string must =
        "--host must be an IP address such as 127.0.0.1, ::1 or 0.0.0.0 (every interface), not ";
    BOOST_TEST(refusal({"--host", "foo"}) == must + R"("foo")");
    BOOST_TEST(refusal({"--host", "127.0.0.1:8080"}) ==
               must + R"("127.0.0.1:8080"; give the port with --port)");
    BOOST_TEST(refusal({"--host", "http://127.0.0.1"}) ==
               must + R"("http://127.0.0.1"; give the address alone, and the port with --port)");
    BOOST_TEST(refusal({"--host", "[foo]"}) == must + R"("[foo]")");
}

BOOST_AUTO_TEST_CASE(switches_take_on_and_off) {
    BOOST_TEST(parse({"--webhook-insecure"}).webhook_insecure);
    BOOST_TEST(parse({"--webhook-strict"}).webhook.strict);
    BOOST_TEST(!parse({"--webhook-strict=off"}).webhook.strict);
    BOOST_TEST(parse({"--webhook-strict", "on"}).webhook.strict);
    BOOST_TEST(!parse({"--webhook-strict", "off", "--port", "1"}).webhook.strict);
    BOOST_TEST(parse({"--webhook-insecure=on"}).webhook_insecure);
    BOOST_TEST(parse({"--webhook-insecure=true"}).webhook_insecure); // as Boost's bool took it
    BOOST_TEST(!parse({"--webhook-insecure=0"}).webhook_insecure);
    BOOST_TEST(refusal({"--webhook-insecure=maybe"}) ==
               R"(--webhook-insecure must be on or off, not "maybe")");
    BOOST_TEST(refusal({"--webhook-signing", "maybe"}) ==
               R"(--webhook-signing must be on or off, not "maybe")");
}

BOOST_AUTO_TEST_CASE(a_bad_environment_twin_is_named) {
    {
        const scoped_variable retries{"EDENMOCK_WEBHOOK_RETRIES", "-1"};
        BOOST_TEST(refusal({}) == "EDENMOCK_WEBHOOK_RETRIES (--webhook-retries) must be a whole "
                                  R"(number from 0 to 100, not "-1")");
        // The command line wins, and a refusal of its value names the flag.
        BOOST_TEST(parse({"--webhook-retries", "2"}).webhook.retries == 2u);
        BOOST_TEST(refusal({"--webhook-retries", "x"}) ==
                   R"(--webhook-retries must be a whole number from 0 to 100, not "x")");
    }
    const scoped_variable host{"EDENMOCK_HOST", "foo"};
    BOOST_TEST(refusal({}).starts_with("EDENMOCK_HOST (--host) must be an IP address"));
    const scoped_variable clock{"EDENMOCK_CLOCK", "manul"};
    BOOST_TEST(refusal({"--host", "::1"}) ==
               "EDENMOCK_CLOCK (--clock) must be real, manual, "
               R"(scaled or auto, not "manul"; did you mean manual?)");
}

BOOST_AUTO_TEST_CASE(a_word_that_follows_no_flag_is_refused) {
    BOOST_TEST(refusal({"8080"}) ==
               R"(unexpected argument "8080": every value follows its flag, as in --port 8080)");
    BOOST_TEST(refusal({"--port", "1", "stray"}) ==
               R"(unexpected argument "stray": every value follows its flag, as in --port 8080)");
}

BOOST_AUTO_TEST_CASE(a_unique_prefix_names_its_flag) {
    BOOST_TEST(parse({"--webhook-ret", "5"}).webhook.retries == 5u);
}

BOOST_AUTO_TEST_CASE(boost_refusals_are_one_line) {
    for (const auto& args : std::vector<std::vector<const char*>>{
             {"--port"}, {"--port", "1", "--port", "2"}, {"stray"}, {"--webhook"}}) {
        const auto message = refusal(args);
        BOOST_TEST(!message.empty());
        BOOST_TEST(message.find('\n') == std::string::npos, message);
    }
}

BOOST_AUTO_TEST_SUITE_END()
