// Clock modes (auto time skipping, scaled), advancing to a time or until idle, and await.
#include "server/support/iso_time.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/running_emulator.hpp"
#include "tests/integration/support/test_emulator.hpp"
#include "tests/integration/support/webhook_receiver.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <future>
#include <string>
#include <thread>

namespace {

using namespace emu::testing;
using namespace std::chrono_literals;
namespace json = boost::json;

constexpr std::string_view stt = "/v2/audio/speech_to_text_async";
constexpr std::string_view ten_minutes = R"({"timelines": {"*": [{"after": "10m"}]}})";

std::string launch(http_client& client, std::string_view extra = "") {
    std::string body = R"({"providers": "amazon", "file_url": "https://x.test/a.wav")";
    body += extra.empty() ? "}" : ", " + std::string{extra} + "}";
    const auto res = client.post_json(stt, body);
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    return std::string{res.json().at("public_id").as_string()};
}

std::string status_of(http_client& client, const std::string& id) {
    const auto res = client.get(std::string{stt} + "/" + id);
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    return std::string{res.json().at("status").as_string()};
}

emu::scheduling::instant clock_now(http_client& client) {
    const auto res = client.get("/_emulator/clock");
    return *emu::support::parse_iso8601(res.json().at("now").as_string());
}

emu::app::options with_clock(emu::app::clock_mode mode) {
    auto opts = test_emulator::default_options();
    opts.clock = mode;
    return opts;
}

} // namespace

BOOST_AUTO_TEST_SUITE(clock_modes)

// The sleeps below are the client's own poll interval, the behaviour under test: the emulator
// skips time while the client is idle between polls.
BOOST_AUTO_TEST_CASE(auto_clock_finishes_a_ten_minute_job_within_a_fast_clients_first_second) {
    test_emulator emulator{with_clock(emu::app::clock_mode::automatic)};
    http_client client{emulator.port()};
    BOOST_TEST_REQUIRE(client.request("PUT", "/_emulator/scenarios/slow", ten_minutes).status ==
                       200u);
    const auto before = clock_now(client);
    const auto id = launch(client);
    int polls = 0;
    std::string status = "processing";
    while (status == "processing" && polls < 10) { // 10 polls at 0.1 s: one second
        std::this_thread::sleep_for(100ms);
        status = status_of(client, id);
        ++polls;
    }
    BOOST_TEST(status == "finished");
    BOOST_TEST(polls < 10);
    BOOST_TEST((clock_now(client) - before >= std::chrono::minutes{10}));
    BOOST_TEST(client.get("/_emulator/clock").json().at("mode").as_string() == "auto");
}

BOOST_AUTO_TEST_CASE(auto_clock_a_slow_poller_sees_the_job_finished_at_its_second_poll) {
    auto opts = with_clock(emu::app::clock_mode::automatic);
    // A longer grace than the default, so that a loaded machine's gap between the launch and
    // the first poll is not taken for idleness.
    opts.auto_grace = 200ms;
    test_emulator emulator{opts};
    http_client client{emulator.port()};
    BOOST_TEST_REQUIRE(client.request("PUT", "/_emulator/scenarios/slow", ten_minutes).status ==
                       200u);
    const auto id = launch(client);
    BOOST_TEST(status_of(client, id) == "processing"); // first poll, right after launch
    std::this_thread::sleep_for(1s);                   // the client's interval
    BOOST_TEST(status_of(client, id) == "finished");
}

BOOST_AUTO_TEST_CASE(scaled_clock_runs_emulated_time_faster) {
    auto opts = with_clock(emu::app::clock_mode::scaled);
    opts.time_scale = 600; // a minute in 0.1 s
    test_emulator emulator{opts};
    http_client client{emulator.port()};
    BOOST_TEST_REQUIRE(client
                           .request("PUT",
                                    "/_emulator/scenarios/minute",
                                    R"({"timelines": {"*": [{"after": "60s"}]}})")
                           .status == 200u);
    const auto before = clock_now(client);
    const auto id = launch(client);
    const auto res = client.get("/_emulator/await?job=" + id + "&status=finished&timeout=10s");
    BOOST_TEST(res.status == 200u, res.body);
    BOOST_TEST((clock_now(client) - before >= std::chrono::seconds{60}));
    BOOST_TEST(client.get("/_emulator/clock").json().at("mode").as_string() == "scaled");
}

BOOST_FIXTURE_TEST_CASE(advance_to_a_time_and_never_back, running_emulator) {
    auto res = client.post_json("/_emulator/clock/advance", R"({"to": "2026-01-01T00:10:00Z"})");
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    BOOST_TEST(emu::support::format_utc(clock_now(client)) ==
               emu::support::format_utc(*emu::support::parse_iso8601("2026-01-01T00:10:00Z")));
    res = client.post_json("/_emulator/clock/advance", R"({"to": "2026-01-01T00:05:00Z"})");
    BOOST_TEST(res.status == 400u);
    BOOST_TEST(res.json().at("error").at("message").as_object().contains("to"));
    BOOST_TEST(client.post_json("/_emulator/clock/advance", R"({"to": "noon"})").status == 400u);
    BOOST_TEST(client.post_json("/_emulator/clock/advance", R"({"seconds": 1, "until_idle": true})")
                   .status == 400u);
    BOOST_TEST(client.post_json("/_emulator/clock/advance", R"({"until_idle": false})").status ==
               400u);
}

BOOST_AUTO_TEST_CASE(advance_until_idle_runs_jobs_and_webhook_retries_to_their_end) {
    test_emulator emulator;
    http_client client{emulator.port()};
    webhook_receiver receiver;
    receiver.script(behaviour::respond(500, "down"));
    BOOST_TEST_REQUIRE(client.request("PUT", "/_emulator/scenarios/slow", ten_minutes).status ==
                       200u);
    const auto start = clock_now(client);
    const auto id = launch(client, R"("webhook_receiver": ")" + receiver.url("/hook") + "\"");
    const auto res = client.post_json("/_emulator/clock/advance", R"({"until_idle": true})");
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    BOOST_TEST(res.json().at("idle").as_bool());
    BOOST_TEST(status_of(client, id) == "finished");
    BOOST_TEST(receiver.requests().size() == 2u); // the 500, then the retry 1 s later
    BOOST_TEST((clock_now(client) - start == std::chrono::seconds{601}));
    // Idle already: nothing moves.
    const auto again = client.post_json("/_emulator/clock/advance", R"({"until_idle": true})");
    BOOST_TEST(again.json().at("idle").as_bool());
    BOOST_TEST((clock_now(client) - start == std::chrono::seconds{601}));
}

BOOST_FIXTURE_TEST_CASE(await_returns_when_the_job_finishes, running_emulator) {
    const auto id = launch(client);
    auto waiting = std::async(std::launch::async, [port = emulator.port(), id] {
        http_client waiter{port};
        return waiter.get("/_emulator/await?job=" + id + "&status=finished&timeout=30s");
    });
    // The await is answered only once the clock has moved; advance until it has been.
    advance(2);
    BOOST_TEST_REQUIRE((waiting.wait_for(10s) == std::future_status::ready));
    const auto res = waiting.get();
    BOOST_TEST(res.status == 200u, res.body);
    const auto body = res.json();
    BOOST_TEST(body.at("ok").as_bool());
    BOOST_TEST(body.at("job").at("status").as_string() == "finished");
}

BOOST_FIXTURE_TEST_CASE(await_times_out_with_408_and_the_current_state, running_emulator) {
    const auto id = launch(client);
    const auto res = client.get("/_emulator/await?job=" + id + "&timeout=50ms");
    BOOST_TEST(res.status == 408u);
    const auto body = res.json();
    BOOST_TEST(!body.at("ok").as_bool());
    BOOST_TEST(body.at("job").at("status").as_string() == "processing");
    BOOST_TEST(body.at("job").at("polls").as_int64() == 0);
}

BOOST_FIXTURE_TEST_CASE(await_counts_polls_and_webhook_deliveries, running_emulator) {
    webhook_receiver receiver;
    const auto id = launch(client, R"("webhook_receiver": ")" + receiver.url("/hook") + "\"");
    status_of(client, id);
    BOOST_TEST(client.get("/_emulator/await?job=" + id + "&polls=2&timeout=50ms").status == 408u);
    status_of(client, id);
    BOOST_TEST(client.get("/_emulator/await?job=" + id + "&polls=2&timeout=5s").status == 200u);
    advance(2);
    auto res = client.get("/_emulator/await?webhook=" + id + "&timeout=10s");
    BOOST_TEST(res.status == 200u, res.body);
    BOOST_TEST(res.json().at("webhooks_delivered").as_int64() == 1);
    res = client.get("/_emulator/await?webhook=1&timeout=10s");
    BOOST_TEST(res.status == 200u, res.body);
}

// The 400 message object of an await request.
json::value await_errors(http_client& client, const std::string& query) {
    const auto res = client.get("/_emulator/await" + query);
    BOOST_TEST(res.status == 400u, res.body);
    return res.json().at("error").at("message");
}

BOOST_FIXTURE_TEST_CASE(await_rejects_bad_questions, running_emulator) {
    BOOST_TEST(await_errors(client, "") == json::parse(R"({
        "job": ["Give job=<public_id> and/or webhook=<count or public_id>."]})"));
    // A malformed job is named as such, not asked for again.
    BOOST_TEST(await_errors(client, "?job=nope&status=done&timeout=forever") == json::parse(R"({
        "job": ["Expected a job's public_id, not \"nope\"."],
        "status": ["Expected one of processing, finished or failed (v2) or processing, success or fail (v3)."],
        "timeout": ["Expected a duration like \"5s\", at most 300s, not \"forever\"."]})"));
    BOOST_TEST(await_errors(client, "?webhook=soon") == json::parse(R"({
        "webhook": ["Expected a number of deliveries or a job's public_id, not \"soon\"."]})"));
    BOOST_TEST(await_errors(client, "?webhook=2&status=finished") == json::parse(R"({
        "job": ["status= and polls= need job=<public_id>, the job they are about."]})"));
    const std::string one = "6f1c2b7e-1d2a-4c3b-9a8e-0123456789ab";
    const std::string other = "6f1c2b7e-1d2a-4c3b-9a8e-0123456789ac";
    BOOST_TEST(await_errors(client, "?job=" + one + "&webhook=" + other) == json::parse(R"({
        "webhook": ["Names another job than job=; give the same public_id, or a number of that job's deliveries."]})"));
    const auto unknown = client.get("/_emulator/await?job=" + one);
    BOOST_TEST(unknown.status == 404u);
    BOOST_TEST(unknown.json() == json::parse(R"({"error": {"type": "not_found", "message":
        "No job \"6f1c2b7e-1d2a-4c3b-9a8e-0123456789ab\": it was never launched, or it was deleted, expired or reset."}})"));
    BOOST_TEST(client.post_json("/_emulator/await", "").status == 405u);
}

BOOST_FIXTURE_TEST_CASE(await_always_counts_delivered_webhooks, running_emulator) {
    webhook_receiver receiver;
    const auto hooked = launch(client, R"("webhook_receiver": ")" + receiver.url("/hook") + "\"");
    const auto quiet = launch(client);
    auto res = client.get("/_emulator/await?job=" + hooked + "&timeout=0s");
    BOOST_TEST(res.status == 408u);
    BOOST_TEST(res.json().at("webhooks_delivered").as_int64() == 0);
    advance(2);
    BOOST_TEST(client.get("/_emulator/await?webhook=" + hooked + "&timeout=10s").status == 200u);
    // With a job, its own deliveries; without, the tenant's (or everyone's).
    res = client.get("/_emulator/await?job=" + hooked);
    BOOST_TEST(res.status == 200u, res.body);
    BOOST_TEST(res.json().at("webhooks_delivered").as_int64() == 1);
    res = client.get("/_emulator/await?job=" + quiet);
    BOOST_TEST(res.status == 200u, res.body);
    BOOST_TEST(res.json().at("webhooks_delivered").as_int64() == 0);
    res = client.get("/_emulator/await?job=" + quiet + "&webhook=1&timeout=0s");
    BOOST_TEST(res.status == 408u);
    res = client.get("/_emulator/await?webhook=1&tenant=test-token");
    BOOST_TEST(res.status == 200u, res.body);
    BOOST_TEST(res.json().at("webhooks_delivered").as_int64() == 1);
    res = client.get("/_emulator/await?webhook=1&tenant=someone-else&timeout=0s");
    BOOST_TEST(res.status == 408u);
    BOOST_TEST(res.json().at("webhooks_delivered").as_int64() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
