#include "server/app/options.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <sstream>

using namespace emu::app;

namespace {

options parse(std::vector<const char*> args) {
    args.insert(args.begin(), "edenmock");
    std::ostringstream out;
    return *parse_options(static_cast<int>(args.size()), args.data(), out);
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

BOOST_AUTO_TEST_SUITE_END()
