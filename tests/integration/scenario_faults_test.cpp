// HTTP faults declared in scenarios: status answers, latency, resets and truncated bodies; the
// nth/every/first/probability triggers; which calls a scenario's faults reach; and that a
// faulted call leaves no trace and the server keeps serving.
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/running_emulator.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <sys/socket.h>
#include <sys/time.h>

namespace {

using namespace emu::testing;
namespace asio = boost::asio;
namespace json = boost::json;

constexpr std::string_view stt = "/v2/audio/speech_to_text_async";
constexpr std::string_view stt_body =
    R"({"providers": "amazon", "file_url": "https://x.test/call.wav"})";

using header_list = std::vector<std::pair<std::string, std::string>>;

// What a raw read of one answer gave: the announced Content-Length and the body bytes that
// came before the server closed.
struct raw_answer {
    unsigned status = 0;
    std::size_t content_length = 0;
    std::string body;
};

// Sends `request` on a fresh connection and reads until the server closes it (at most 10 s).
raw_answer read_until_close(std::uint16_t port, const std::string& request) {
    asio::io_context io;
    asio::ip::tcp::socket socket{io};
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    timeval limit{};
    limit.tv_sec = 10;
    ::setsockopt(socket.native_handle(),
                 SOL_SOCKET,
                 SO_RCVTIMEO,
                 &limit,
                 static_cast<socklen_t>(sizeof limit));
    asio::write(socket, asio::buffer(request));
    std::string bytes;
    boost::system::error_code ec;
    asio::read(socket, asio::dynamic_buffer(bytes), ec);
    BOOST_TEST_REQUIRE((ec == asio::error::eof), "the server did not close: " << ec.message());
    const auto head_end = bytes.find("\r\n\r\n");
    BOOST_TEST_REQUIRE(head_end != std::string::npos, "no complete header: " << bytes);
    raw_answer result;
    result.status = static_cast<unsigned>(std::stoul(bytes.substr(9, 3)));
    const auto length_at = bytes.find("Content-Length: ");
    BOOST_TEST_REQUIRE(length_at < head_end, "no Content-Length: " << bytes);
    result.content_length = std::stoul(bytes.substr(length_at + 16));
    result.body = bytes.substr(head_end + 4);
    return result;
}

// The shared fixture plus this suite's helpers.
struct faults_fixture : running_emulator {

    http_result launch(const header_list& headers = {}) {
        auto all = headers;
        all.emplace_back("Content-Type", "application/json");
        return client.request("POST", stt, stt_body, all);
    }

    std::string launched_id(const header_list& headers = {}) {
        const auto res = launch(headers);
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
        return std::string{res.json().at("public_id").as_string()};
    }

    http_result poll(const std::string& id, const header_list& headers = {}) {
        return client.request("GET", std::string{stt} + "/" + id, {}, headers);
    }

    http_result list(const header_list& headers = {}) {
        return client.request("GET", stt, {}, headers);
    }

    std::size_t job_count() {
        return static_cast<std::size_t>(
            http_client{emulator.port()}.get("/_emulator/health").json().at("jobs").as_int64());
    }

    // New connections get answers: the server still serves after a fault.
    void still_serves() {
        http_client fresh{emulator.port()};
        BOOST_TEST(fresh.get("/_emulator/health").status == 200u);
        BOOST_TEST(fresh.get(stt).status == 200u);
    }

    // The statuses of `n` list calls carrying header X-Case: `which`.
    std::vector<unsigned> list_statuses(std::string_view which, int n) {
        std::vector<unsigned> statuses;
        for (int i = 0; i < n; ++i) {
            statuses.push_back(list({{"X-Case", std::string{which}}}).status);
        }
        return statuses;
    }
};

std::vector<unsigned> probability_sequence(std::uint64_t seed) {
    auto opts = test_emulator::default_options();
    opts.seed = seed;
    test_emulator emulator{opts};
    http_client client{emulator.port()};
    const auto put = client.request(
        "PUT",
        "/_emulator/scenarios/coin",
        R"({"faults": [{"on": "list", "when": {"probability": 0.5}, "status": 503}]})");
    BOOST_TEST_REQUIRE(put.status == 200u, put.body);
    std::vector<unsigned> statuses;
    for (int i = 0; i < 40; ++i) {
        statuses.push_back(client.get(stt).status);
    }
    return statuses;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(scenario_faults, faults_fixture)

BOOST_AUTO_TEST_CASE(a_429_fault_answers_eden_rate_limit_body_with_retry_after) {
    put_scenario("limited", R"({"faults": [{"on": "launch", "when": {"nth": 2}, "status": 429,
                                   "retry_after": 7}]})");
    BOOST_TEST(launch().status == 200u);
    const auto limited = launch();
    BOOST_TEST(limited.status == 429u);
    BOOST_TEST(limited.header("retry-after") == "7");
    BOOST_TEST(limited.header("content-type") == "application/json");
    BOOST_TEST(limited.json() == json::parse(R"({"error": {"code": 429, "message":
        "Rate limit exceeded. Please wait before making additional requests."}})"));
    BOOST_TEST(launch().status == 200u);
    still_serves();
}

BOOST_AUTO_TEST_CASE(a_5xx_fault_answers_an_eden_error_body_or_the_given_one) {
    put_scenario("broken", R"({"faults": [
        {"on": "list", "when": {"nth": 1}, "status": 503},
        {"on": "list", "when": {"nth": 2}, "status": 502, "body": {"detail": "upstream"}}]})");
    const auto unavailable = list();
    BOOST_TEST(unavailable.status == 503u);
    BOOST_TEST(unavailable.header("retry-after").empty());
    const auto body = unavailable.json();
    const auto& error = body.at("error");
    BOOST_TEST(error.at("type") == "Service Unavailable");
    BOOST_TEST(error.at("message").is_string());
    const auto gateway = list();
    BOOST_TEST(gateway.status == 502u);
    BOOST_TEST(gateway.json() == json::parse(R"({"detail": "upstream"})"));
    BOOST_TEST(list().status == 200u);
    still_serves();
}

BOOST_AUTO_TEST_CASE(a_latency_fault_answers_after_at_least_the_delay) {
    put_scenario("slow", R"({"faults": [{"on": "list", "latency": "50ms"}]})");
    const auto started = std::chrono::steady_clock::now();
    const auto res = list(); // bounded: the client gives up after 10 s
    const auto elapsed = std::chrono::steady_clock::now() - started;
    BOOST_TEST(res.status == 200u);
    BOOST_TEST(res.json().at("jobs").as_array().empty());
    BOOST_TEST((elapsed >= std::chrono::milliseconds{50}));
    still_serves();
}

BOOST_AUTO_TEST_CASE(a_reset_fault_closes_the_connection_without_an_answer) {
    put_scenario("dropped", R"({"faults": [{"on": "list", "when": {"nth": 1}, "reset": true}]})");
    boost::system::error_code seen;
    try {
        list();
    } catch (const boost::system::system_error& e) {
        seen = e.code();
    }
    BOOST_TEST((seen == asio::error::connection_reset), seen.message());
    BOOST_TEST(list().status == 200u); // the client reconnects
    still_serves();
}

BOOST_AUTO_TEST_CASE(a_truncate_fault_sends_fewer_body_bytes_than_content_length) {
    put_scenario("cut", R"({"faults": [{"on": "list", "when": {"nth": 1}, "truncate": 5}]})");
    const auto answer = read_until_close(emulator.port(),
                                         "GET " + std::string{stt} +
                                             " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                             "test-token\r\n\r\n");
    BOOST_TEST(answer.status == 200u);
    BOOST_TEST(answer.content_length == std::string_view{R"({"jobs":[]})"}.size());
    BOOST_TEST(answer.body == R"({"job)");
    BOOST_TEST(list().status == 200u);
    still_serves();
}

BOOST_AUTO_TEST_CASE(nth_hits_only_that_call_every_hits_each_multiple_and_first_the_first_calls) {
    put_scenario("nth", R"({"match": {"headers": {"X-Case": "nth"}},
                   "faults": [{"on": "list", "when": {"nth": 2}, "status": 500}]})");
    put_scenario("every", R"({"match": {"headers": {"X-Case": "every"}},
                     "faults": [{"on": "list", "when": {"every": 2}, "status": 500}]})");
    put_scenario("first", R"({"match": {"headers": {"X-Case": "first"}},
                     "faults": [{"on": "list", "when": {"first": 2}, "status": 500}]})");
    BOOST_TEST(list_statuses("nth", 5) == (std::vector<unsigned>{200, 500, 200, 200, 200}),
               boost::test_tools::per_element());
    BOOST_TEST(list_statuses("every", 5) == (std::vector<unsigned>{200, 500, 200, 500, 200}),
               boost::test_tools::per_element());
    BOOST_TEST(list_statuses("first", 4) == (std::vector<unsigned>{500, 500, 200, 200}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(calls_are_counted_per_kind_and_any_counts_every_kind) {
    put_scenario("mixed", R"({"faults": [{"on": "delete", "when": {"nth": 1}, "status": 500},
                               {"on": "any", "when": {"nth": 3}, "status": 503}]})");
    BOOST_TEST(list().status == 200u);          // any 1
    BOOST_TEST(client.del(stt).status == 500u); // delete 1, any 2
    BOOST_TEST(list().status == 503u);          // any 3
    BOOST_TEST(client.del(stt).status == 204u); // delete 2, any 4
}

BOOST_AUTO_TEST_CASE(the_control_reset_starts_the_counts_again) {
    put_scenario("once", R"({"faults": [{"on": "list", "when": {"nth": 1}, "status": 500}]})");
    BOOST_TEST(list().status == 500u);
    BOOST_TEST(list().status == 200u);
    BOOST_TEST(client.post_json("/_emulator/reset", "{}").status == 200u);
    BOOST_TEST(list().status == 500u);
    BOOST_TEST(list().status == 200u);
}

BOOST_AUTO_TEST_CASE(probability_faults_repeat_with_the_same_seed_and_calls) {
    const auto first = probability_sequence(42);
    const auto second = probability_sequence(42);
    BOOST_TEST(first == second, boost::test_tools::per_element());
    BOOST_TEST(std::count(first.begin(), first.end(), 503u) > 5);
    BOOST_TEST(std::count(first.begin(), first.end(), 200u) > 5);
    BOOST_TEST((probability_sequence(7) != first));
}

BOOST_AUTO_TEST_CASE(a_faulted_launch_creates_no_job) {
    put_scenario("refused", R"({"faults": [{"on": "launch", "when": {"nth": 1}, "status": 429},
                                 {"on": "launch", "when": {"nth": 2}, "reset": true}]})");
    BOOST_TEST(launch().status == 429u);
    BOOST_CHECK_THROW(launch(), boost::system::system_error);
    BOOST_TEST(job_count() == 0u);
    BOOST_TEST(list().json().at("jobs").as_array().empty());
    BOOST_TEST(launch().status == 200u);
    BOOST_TEST(job_count() == 1u);
    still_serves();
}

BOOST_AUTO_TEST_CASE(a_faulted_delete_deletes_nothing) {
    launched_id();
    put_scenario("keep", R"({"faults": [{"on": "delete", "when": {"nth": 1}, "status": 503}]})");
    BOOST_TEST(client.del(stt).status == 503u);
    BOOST_TEST(job_count() == 1u);
    BOOST_TEST(client.del(stt).status == 204u);
    BOOST_TEST(job_count() == 0u);
}

BOOST_AUTO_TEST_CASE(get_faults_hit_only_polls_of_jobs_that_follow_the_scenario) {
    put_scenario("flaky", R"({"match": {"headers": {"X-Case": "flaky"}},
                    "faults": [{"on": "get", "status": 503}]})");
    const auto flaky = launched_id({{"X-Case", "flaky"}}); // launches are not hit
    const auto steady = launched_id();
    BOOST_TEST(poll(flaky).status == 503u); // without the header: the job keeps its scenario
    BOOST_TEST(poll(steady).status == 200u);
    BOOST_TEST(poll(steady, {{"X-Case", "flaky"}}).status == 200u);
    BOOST_TEST(list({{"X-Case", "flaky"}}).status == 200u);
    BOOST_TEST(poll("00000000-0000-4000-8000-000000000000").status == 404u);
    still_serves();
}

BOOST_AUTO_TEST_CASE(a_faulted_poll_does_not_count_as_a_get_of_the_job) {
    put_scenario("polls", R"({"timelines": {"*": [{"after_polls": 2, "status": "finished"}]},
                    "faults": [{"on": "get", "when": {"nth": 1}, "status": 500}]})");
    const auto id = launched_id();
    BOOST_TEST(poll(id).status == 500u);
    BOOST_TEST(poll(id).json().at("status") == "processing");
    BOOST_TEST(poll(id).json().at("status") == "finished");
}

BOOST_AUTO_TEST_CASE(latency_and_truncate_faults_still_make_the_call) {
    put_scenario("slow-launch",
                 R"({"faults": [{"on": "launch", "when": {"nth": 1}, "latency": "1ms"},
                                     {"on": "launch", "when": {"nth": 2}, "truncate": 3}]})");
    BOOST_TEST(launch().status == 200u);
    BOOST_CHECK_THROW(launch(), boost::system::system_error); // the body is cut short
    BOOST_TEST(job_count() == 2u);
    still_serves();
}

BOOST_AUTO_TEST_SUITE_END()
