// The embeddable library: edenmock::server in this process, its clock, await and lifetime.
#include "server/app/options.hpp"
#include "tests/integration/support/http_client.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <edenmock/server.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace emu::testing;
using namespace std::chrono_literals;

constexpr std::string_view stt = "/v2/audio/speech_to_text_async";
const auto start =
    std::chrono::system_clock::time_point{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};

std::string launch(http_client& client) {
    const auto res =
        client.post_json(stt, R"({"providers": "amazon", "file_url": "https://x.test/a.wav"})");
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    return std::string{res.json().at("public_id").as_string()};
}

// Whether `what()` of the exception contains `text`.
auto says(std::string text) {
    return [text](const std::exception& error) {
        return std::string{error.what()}.find(text) != std::string::npos;
    };
}

edenmock::server_options with_arguments(std::vector<std::string> arguments) {
    edenmock::server_options options;
    options.arguments = std::move(arguments);
    return options;
}

} // namespace

BOOST_AUTO_TEST_SUITE(embedded_server)

// The public header includes std headers only, so it restates the executable's defaults it
// shares; they must stay the executable's (port, clock, seed and log level differ on purpose).
BOOST_AUTO_TEST_CASE(shared_defaults_are_the_executables) {
    const edenmock::server_options embedded;
    const emu::app::options executable;
    BOOST_TEST(embedded.host == executable.host);
    BOOST_TEST(embedded.threads == executable.threads);
    BOOST_TEST((std::chrono::time_point_cast<std::chrono::microseconds>(embedded.clock_start) ==
                executable.clock_start));
}

BOOST_AUTO_TEST_CASE(starts_on_a_free_port_with_the_manual_clock_at_its_start) {
    edenmock::server server;
    BOOST_TEST(server.port() != 0u);
    BOOST_TEST(server.url() == "http://127.0.0.1:" + std::to_string(server.port()));
    BOOST_TEST((server.now() == start));
    http_client client{server.port()};
    const auto health = client.get("/_emulator/health");
    BOOST_TEST(health.status == 200u);
    BOOST_TEST(health.json().at("clock").as_string() == "manual");
}

BOOST_AUTO_TEST_CASE(a_v3_job_is_awaited_by_either_apis_status_names) {
    edenmock::server server;
    http_client client{server.port()};
    const auto res = client.post_json(
        "/v3/universal-ai/async",
        R"({"model": "ocr/ocr_async/amazon", "input": {"file": "https://x.test/a.pdf"}})");
    BOOST_TEST_REQUIRE(res.status == 202u, res.body);
    const std::string id{res.json().at("public_id").as_string()};
    BOOST_TEST(server.await_job(id, "processing").status == "processing");
    server.advance(2s);
    const auto job = server.await_job(id, "success");
    BOOST_TEST(job.feature == "ocr/ocr_async");
    BOOST_TEST(job.status == "success");                  // shown in v3's names
    BOOST_TEST(server.await_job(id).status == "success"); // the default, "finished", is the same
    BOOST_CHECK_EXCEPTION(server.await_job(id, "done"), std::invalid_argument, says("success"));
}

BOOST_AUTO_TEST_CASE(a_launched_job_finishes_after_advance_and_await_returns_it) {
    edenmock::server server;
    http_client client{server.port()};
    const auto id = launch(client);
    BOOST_TEST(server.await_job(id, "processing").status == "processing");
    server.advance(2s);
    const auto job = server.await_job(id);
    BOOST_TEST(job.public_id == id);
    BOOST_TEST(job.feature == "audio/speech_to_text_async");
    BOOST_TEST(job.status == "finished");
    BOOST_TEST(job.error.empty());
    BOOST_TEST(job.polls == 0u); // await is not a GET
    BOOST_TEST((server.now() == start + 2s));
    const auto res = client.get(std::string{stt} + "/" + id);
    BOOST_TEST(res.json().at("status").as_string() == "finished");
}

BOOST_AUTO_TEST_CASE(await_reports_a_failed_job_with_its_error) {
    edenmock::server server;
    http_client client{server.port()};
    const auto put = client.request(
        "PUT",
        "/_emulator/scenarios/down",
        R"({"timelines": {"*": [{"after": "3s", "status": "failed", "error": {"message": "Provider down"}}]}})",
        {{"Content-Type", "application/json"}});
    BOOST_TEST_REQUIRE(put.status == 200u, put.body);
    const auto id = launch(client);
    server.advance(3s);
    const auto job = server.await_job(id, "failed");
    BOOST_TEST(job.status == "failed");
    BOOST_TEST(job.error == "Provider down");
}

BOOST_AUTO_TEST_CASE(await_times_out_with_the_state_it_saw_and_never_moves_the_clock) {
    edenmock::server server;
    http_client client{server.port()};
    const auto id = launch(client);
    BOOST_CHECK_EXCEPTION(server.await_job(id, "finished", 20ms),
                          edenmock::await_timeout,
                          [&](const edenmock::await_timeout& timeout) {
                              return timeout.state().public_id == id &&
                                     timeout.state().status == "processing" &&
                                     std::string{timeout.what()}.find("processing, not finished") !=
                                         std::string::npos;
                          });
    BOOST_TEST((server.now() == start));
}

BOOST_AUTO_TEST_CASE(await_refuses_unknown_jobs_and_statuses) {
    edenmock::server server;
    http_client client{server.port()};
    const auto id = launch(client);
    BOOST_CHECK_EXCEPTION(server.await_job("2e0d2a4c-0f0e-4d6b-9b1a-3c5e8f7a6b5d"),
                          std::out_of_range,
                          says("2e0d2a4c-0f0e-4d6b-9b1a-3c5e8f7a6b5d"));
    BOOST_CHECK_THROW(server.await_job("not-an-id"), std::out_of_range);
    BOOST_CHECK_EXCEPTION(server.await_job(id, "done"), std::invalid_argument, says("\"done\""));
}

// The README's "prepare once, fork per test" recipe: a fixture tenant's snapshot, restored
// into each test's own tenant, gives each the same jobs under the same ids.
BOOST_AUTO_TEST_CASE(a_prepared_tenant_snapshot_is_restored_into_each_tests_tenant) {
    edenmock::server server;
    http_client fixture{server.port(), "fixture"};
    const auto id = launch(fixture);
    const auto prepared = server.snapshot("fixture");
    for (const std::string tenant : {"test-a", "test-b"}) {
        server.restore(prepared, tenant);
        http_client own{server.port(), tenant};
        BOOST_TEST(own.get(std::string{stt} + "/" + id).status == 200u);
    }
    server.advance(2s, "test-a");
    BOOST_TEST(fixture.get(std::string{stt} + "/" + id).json().at("status") == "processing");
    http_client first{server.port(), "test-a"};
    BOOST_TEST(first.get(std::string{stt} + "/" + id).json().at("status") == "finished");
    // A whole-emulator snapshot goes back whole; a bad one is refused naming the field.
    const auto whole = server.snapshot();
    BOOST_CHECK_EXCEPTION(server.restore(whole, "test-c"), std::invalid_argument, says("$.tenant"));
    BOOST_CHECK_EXCEPTION(
        server.restore("{}"), std::invalid_argument, says("$.edenmock_snapshot: missing"));
    server.restore(whole);
    BOOST_TEST(server.snapshot() == whole);
}

BOOST_AUTO_TEST_CASE(advance_to_moves_forward_only) {
    edenmock::server server;
    server.advance_to(start + 10min);
    BOOST_TEST((server.now() == start + 10min));
    BOOST_CHECK_EXCEPTION(server.advance_to(start), std::invalid_argument, says("cannot go back"));
    BOOST_CHECK_THROW(server.advance(-1s), std::invalid_argument);
    BOOST_TEST((server.now() == start + 10min));
}

BOOST_AUTO_TEST_CASE(advance_until_idle_runs_every_job_to_its_end) {
    edenmock::server server;
    http_client client{server.port()};
    const auto id = launch(client);
    BOOST_TEST(server.advance_until_idle());
    BOOST_TEST(server.await_job(id, "finished", 0ms).status == "finished");
    BOOST_TEST((server.now() == start + 2s));
}

BOOST_AUTO_TEST_CASE(advancing_needs_the_manual_clock) {
    edenmock::server_options options;
    options.clock = "real";
    edenmock::server server{options};
    BOOST_CHECK_EXCEPTION(server.advance(1s), std::logic_error, says("clock is real"));
    BOOST_CHECK_THROW(server.advance_to(server.now() + 1h), std::logic_error);
    BOOST_CHECK_THROW(server.advance_until_idle(), std::logic_error);
    BOOST_TEST((server.now() > start));
}

BOOST_AUTO_TEST_CASE(bad_flags_throw_the_parsers_message) {
    BOOST_CHECK_EXCEPTION(edenmock::server{with_arguments({"--webhook-retries", "500"})},
                          std::invalid_argument,
                          says("--webhook-retries must be a whole number from 0 to 100"));
    BOOST_CHECK_EXCEPTION(edenmock::server{with_arguments({"--no-such-flag"})},
                          std::invalid_argument,
                          says("unrecognised option '--no-such-flag'"));
    edenmock::server_options options;
    options.clock = "sundial";
    BOOST_CHECK_EXCEPTION(edenmock::server{options},
                          std::invalid_argument,
                          says("--clock must be real, manual, scaled or auto"));
}

BOOST_AUTO_TEST_CASE(fields_and_arguments_reach_the_server) {
    auto options = with_arguments({"--auth-failure-status", "401"});
    options.api_keys = {"right-key"};
    edenmock::server server{options};
    http_client wrong{server.port(), "wrong-key"};
    BOOST_TEST(wrong.get(stt).status == 401u);
    http_client right{server.port(), "right-key"};
    BOOST_TEST(right.get(stt).status == 200u);
}

BOOST_AUTO_TEST_CASE(failing_to_start_throws_runtime_error) {
    edenmock::server first;
    edenmock::server_options taken;
    taken.port = first.port();
    BOOST_CHECK_EXCEPTION(edenmock::server{taken}, std::runtime_error, says("cannot bind"));
    edenmock::server_options missing;
    missing.scenarios = "/nonexistent/edenmock-scenarios";
    BOOST_CHECK_THROW(edenmock::server{missing}, std::runtime_error);
}

BOOST_AUTO_TEST_CASE(two_servers_in_one_process_are_independent) {
    edenmock::server first;
    edenmock::server second;
    BOOST_TEST(first.port() != second.port());
    http_client client{first.port()};
    const auto id = launch(client);
    first.advance(2s);
    BOOST_TEST(first.await_job(id).status == "finished");
    BOOST_TEST((second.now() == start));
    BOOST_CHECK_THROW(second.await_job(id), std::out_of_range);
}

BOOST_AUTO_TEST_CASE(reset_forgets_every_job) {
    edenmock::server server;
    http_client client{server.port()};
    const auto id = launch(client);
    server.reset();
    BOOST_CHECK_THROW(server.await_job(id, "processing"), std::out_of_range);
    BOOST_TEST(client.get(std::string{stt} + "/" + id).status == 404u);
}

BOOST_AUTO_TEST_CASE(reset_of_one_tenant_keeps_the_others_jobs) {
    edenmock::server server;
    http_client mine{server.port(), "mine"};
    http_client theirs{server.port(), "theirs"};
    const auto my_job = launch(mine);
    const auto their_job = launch(theirs);
    server.reset("mine");
    BOOST_CHECK_THROW(server.await_job(my_job, "processing"), std::out_of_range);
    BOOST_TEST(server.await_job(their_job, "processing").status == "processing");
}

BOOST_AUTO_TEST_CASE(advancing_one_tenants_clock_finishes_only_its_jobs) {
    edenmock::server server;
    http_client mine{server.port(), "mine"};
    http_client theirs{server.port(), "theirs"};
    const auto my_job = launch(mine);
    const auto their_job = launch(theirs);
    server.advance(2s, "mine");
    BOOST_TEST(server.await_job(my_job).status == "finished");
    BOOST_TEST(server.await_job(their_job, "processing").status == "processing");
    BOOST_TEST((server.now() == start)); // the emulator's clock did not move
}

BOOST_AUTO_TEST_CASE(stop_is_idempotent_and_closes_the_port) {
    edenmock::server server;
    const auto url = server.url();
    server.stop();
    server.stop();
    BOOST_TEST(server.url() == url);
    BOOST_CHECK_THROW(http_client{server.port()}, std::exception);
    BOOST_CHECK_EXCEPTION(server.advance(1s), std::logic_error, says("stopped"));
    BOOST_CHECK_THROW(server.reset(), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()
