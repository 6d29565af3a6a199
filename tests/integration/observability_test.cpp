// The request journal, a job's polls, client-behaviour checks, Prometheus metrics and JSON access
// logs, over HTTP on a manual clock. Time moves only with advance(); log lines are awaited as
// events with a deadline.
#include "server/support/log.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/log_capture.hpp"
#include "tests/integration/support/running_emulator.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <condition_variable>
#include <limits>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace emu::testing;
using namespace std::chrono_literals;
namespace json = boost::json;

constexpr std::string_view stt = "/v2/audio/speech_to_text_async";
constexpr std::string_view launch_body =
    R"({"providers": "amazon", "file_url": "https://x.test/a.wav"})";

std::string launch(http_client& client) {
    const auto res = client.post_json(stt, launch_body);
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    return std::string{res.json().at("public_id").as_string()};
}

json::object get_json(http_client& client, const std::string& target, unsigned status = 200) {
    const auto res = client.get(target);
    BOOST_TEST_REQUIRE(res.status == status, target << ": " << res.body);
    return res.json().as_object();
}

json::array journal(http_client& client, const std::string& query = "") {
    return get_json(client, "/_emulator/requests" + query).at("requests").as_array();
}

json::object verify(http_client& client, const std::string& query) {
    return get_json(client, "/_emulator/verify?" + query);
}

// A scrape: sample values by their series text (`name{labels}`), and each family's type.
struct scrape {
    std::map<std::string, double> samples;
    std::map<std::string, std::string> types;

    double value(const std::string& series) const {
        const auto found = samples.find(series);
        return found == samples.end() ? 0 : found->second;
    }
};

scrape read_metrics(http_client& client) {
    const auto res = client.get("/_emulator/metrics");
    BOOST_TEST_REQUIRE(res.status == 200u);
    BOOST_TEST(res.header("content-type") == "text/plain; version=0.0.4; charset=utf-8");
    scrape parsed;
    std::istringstream lines{res.body};
    std::string line;
    while (std::getline(lines, line)) {
        if (line.starts_with("# TYPE ")) {
            std::istringstream words{line.substr(7)};
            std::string name;
            std::string type;
            words >> name >> type;
            parsed.types[name] = type;
        } else if (!line.starts_with("#") && !line.empty()) {
            const auto space = line.rfind(' ');
            BOOST_TEST_REQUIRE(space != std::string::npos, line);
            const auto value = line.substr(space + 1);
            parsed.samples[line.substr(0, space)] =
                value == "+Inf" ? std::numeric_limits<double>::infinity() : std::stod(value);
        }
    }
    return parsed;
}

// A scenario that answers the first launch 429 with Retry-After: 2.
constexpr std::string_view rate_limited = R"({
    "timelines": {"*": [{"after": "2s", "status": "finished"}]},
    "faults": [{"on": "launch", "when": {"first": 1}, "status": 429, "retry_after": 2}]
})";

} // namespace

BOOST_FIXTURE_TEST_SUITE(observability, running_emulator)

BOOST_AUTO_TEST_CASE(the_journal_records_api_requests_without_secrets) {
    const auto launched = client.request(
        "POST",
        stt,
        launch_body,
        {{"Content-Type", "application/json"}, {"Cookie", "session=s3cr3t"}, {"X-Trace", "t-1"}});
    BOOST_TEST_REQUIRE(launched.status == 200u);
    const std::string id{launched.json().at("public_id").as_string()};
    client.get(std::string{stt} + "/" + id + "?show_original_response=true");
    client.get("/_emulator/health"); // control requests are not journaled
    client.request("GET", std::string{stt} + "/" + id, {}, {}, false);
    const auto records = journal(client);
    BOOST_TEST_REQUIRE(records.size() == 3u);
    const auto& first = records[0].as_object();
    BOOST_TEST(first.at("seq").to_number<std::uint64_t>() == 1u);
    BOOST_TEST(first.at("method").as_string() == "POST");
    BOOST_TEST(first.at("path").as_string() == stt);
    BOOST_TEST(first.at("kind").as_string() == "launch");
    BOOST_TEST(first.at("feature").as_string() == "audio/speech_to_text_async");
    BOOST_TEST(first.at("job").as_string() == id);
    BOOST_TEST(first.at("tenant").as_string() == "test-token");
    BOOST_TEST(first.at("status").to_number<std::uint64_t>() == 200u);
    BOOST_TEST(first.at("at").as_string() == "2026-01-01T00:00:00.000000Z");
    BOOST_TEST(first.at("body_excerpt").as_string() == launch_body);
    const auto& headers = first.at("headers").as_object();
    BOOST_TEST(headers.at("X-Trace").as_string() == "t-1");
    BOOST_TEST(!headers.contains("Authorization"));
    BOOST_TEST(!headers.contains("Cookie"));
    BOOST_TEST(json::serialize(records).find("s3cr3t") == std::string::npos);
    BOOST_TEST(json::serialize(records).find("Bearer") == std::string::npos);
    const auto& polled = records[1].as_object();
    BOOST_TEST(polled.at("kind").as_string() == "get");
    BOOST_TEST(polled.at("query").as_string() == "show_original_response=true");
    BOOST_TEST(polled.at("job_status").as_string() == "processing");
    const auto& refused = records[2].as_object();
    BOOST_TEST(refused.at("status").to_number<std::uint64_t>() == 403u);
    BOOST_TEST(refused.at("tenant").as_string() == "");
    BOOST_TEST(
        get_json(client, "/_emulator/requests").at("journal_dropped").to_number<std::uint64_t>() ==
        0u);
}

BOOST_AUTO_TEST_CASE(the_journal_filters_by_every_field) {
    const auto id = launch(client);
    advance(1);
    client.get(std::string{stt} + "/" + id);
    client.get(std::string{stt});
    client.get("/v2/ocr/ocr_async/not-a-job");
    BOOST_TEST(journal(client, "?method=get").size() == 3u);
    BOOST_TEST(journal(client, "?kind=list").size() == 1u);
    BOOST_TEST(journal(client, "?path=/v2/audio/*").size() == 3u);
    BOOST_TEST(journal(client, "?status=404").size() == 1u);
    BOOST_TEST(journal(client, "?job=" + id).size() == 2u);
    BOOST_TEST(journal(client, "?feature=ocr/ocr_async").size() == 1u);
    BOOST_TEST(journal(client, "?tenant=test-token").size() == 4u);
    BOOST_TEST(journal(client, "?tenant=someone-else").empty());
    BOOST_TEST(journal(client, "?since=2026-01-01T00:00:01Z").size() == 3u);
    BOOST_TEST(journal(client, "?until=2026-01-01T00:00:00.5Z").size() == 1u);
    const auto bad = client.get("/_emulator/requests?status=abc&kind=poll&since=yesterday");
    BOOST_TEST(bad.status == 400u);
    const auto body = bad.json();
    const auto& fields = body.at("error").at("message").as_object();
    BOOST_TEST(fields.contains("status"));
    BOOST_TEST(fields.contains("kind"));
    BOOST_TEST(fields.contains("since"));
}

BOOST_AUTO_TEST_CASE(the_journal_keeps_multipart_text_parts_and_reset_clears_it) {
    const auto res =
        client.post_multipart(stt,
                              {{"providers", "amazon", "", ""},
                               {"file", std::string(3000, '\xff'), "a.wav", "audio/wav"}});
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    const auto records = journal(client);
    BOOST_TEST_REQUIRE(records.size() == 1u);
    const std::string excerpt{records[0].at("body_excerpt").as_string()};
    BOOST_TEST(excerpt.starts_with("<multipart "));
    BOOST_TEST(excerpt.find("providers=amazon") != std::string::npos);
    BOOST_TEST(excerpt.find("file=a.wav (3000 bytes)") != std::string::npos);
    BOOST_TEST(client.post_json("/_emulator/reset", "{}").status == 200u);
    BOOST_TEST(journal(client).empty());
}

BOOST_AUTO_TEST_CASE(the_journal_is_bounded) {
    auto opts = test_emulator::default_options();
    opts.request_journal_size = 2;
    test_emulator small{opts};
    http_client other{small.port()};
    for (int i = 0; i < 3; ++i) {
        other.get(std::string{stt});
    }
    const auto body = get_json(other, "/_emulator/requests");
    BOOST_TEST(body.at("requests").as_array().size() == 2u);
    BOOST_TEST(body.at("requests").at(0).at("seq").to_number<std::uint64_t>() == 2u);
    BOOST_TEST(body.at("journal_dropped").to_number<std::uint64_t>() == 1u);
    BOOST_TEST(read_metrics(other).value("edenmock_request_journal_dropped_total") == 1.0);
}

BOOST_AUTO_TEST_CASE(polls_show_each_get_with_its_interval_on_the_emulator_clock) {
    const auto id = launch(client);
    const auto job = std::string{stt} + "/" + id;
    client.get(job);
    advance(0.5);
    client.get(job);
    advance(1.5); // the default scenario finishes after 2 s
    client.get(job);
    const auto body = get_json(client, "/_emulator/jobs/" + id + "/polls");
    BOOST_TEST(body.at("job").as_string() == id);
    BOOST_TEST(body.at("count").to_number<std::uint64_t>() == 3u);
    const auto& polls = body.at("polls").as_array();
    BOOST_TEST_REQUIRE(polls.size() == 3u);
    BOOST_TEST(polls[0].at("interval_ms").is_null());
    BOOST_TEST(polls[1].at("interval_ms").as_double() == 500.0);
    BOOST_TEST(polls[2].at("interval_ms").as_double() == 1500.0);
    BOOST_TEST(polls[0].at("status").as_string() == "processing");
    BOOST_TEST(polls[2].at("status").as_string() == "finished");
    BOOST_TEST(polls[2].at("http").to_number<std::uint64_t>() == 200u);
    BOOST_TEST(polls[2].at("at").as_string() == "2026-01-01T00:00:02.000000Z");
    get_json(client, "/_emulator/jobs/00000000-0000-4000-8000-000000000000/polls", 404);
    BOOST_TEST(client.post_json("/_emulator/jobs/" + id + "/polls", "{}").status == 405u);
    // The force route under the same prefix still works.
    BOOST_TEST(
        client.post_json("/_emulator/jobs/" + id + "/force", R"({"status": "failed"})").status ==
        200u);
}

BOOST_AUTO_TEST_CASE(poll_rate_passes_and_fails_on_emulator_time) {
    const auto id = launch(client);
    const auto job = std::string{stt} + "/" + id;
    client.get(job);
    advance(0.5);
    client.get(job);
    BOOST_TEST(verify(client, "check=poll_rate&max_per_second=2").at("ok").as_bool());
    const auto strict = verify(client, "check=poll_rate&max_per_second=1&job=" + id);
    BOOST_TEST(strict.at("check").as_string() == "poll_rate");
    BOOST_TEST(!strict.at("ok").as_bool());
    BOOST_TEST(strict.at("evidence").as_array().size() == 1u);
    BOOST_TEST(!strict.at("details").as_string().empty());
    client.get(job); // at the same instant: infinitely fast
    BOOST_TEST(!verify(client, "check=poll_rate&max_per_second=2").at("ok").as_bool());
    BOOST_TEST(verify(client, "check=poll_rate&max_per_second=2&tenant=other").at("ok").as_bool());
}

BOOST_AUTO_TEST_CASE(polls_after_terminal_passes_and_fails) {
    const auto id = launch(client);
    const auto job = std::string{stt} + "/" + id;
    client.get(job);
    advance(2);
    client.get(job); // finished: the client may stop here
    BOOST_TEST(verify(client, "check=polls_after_terminal").at("ok").as_bool());
    advance(1);
    client.get(job);
    const auto result = verify(client, "check=polls_after_terminal&job=" + id);
    BOOST_TEST(!result.at("ok").as_bool());
    BOOST_TEST(result.at("evidence").at(0).at("terminal_status").as_string() == "finished");
}

BOOST_AUTO_TEST_CASE(retry_after_honoured_passes_when_the_client_waits) {
    put_scenario("rate-limited", rate_limited);
    const auto refused = client.post_json(stt, launch_body);
    BOOST_TEST_REQUIRE(refused.status == 429u);
    BOOST_TEST(refused.header("retry-after") == "2");
    BOOST_TEST(journal(client).at(0).at("retry_after").as_string() == "2");
    advance(2);
    launch(client);
    const auto result = verify(client, "check=retry_after_honoured");
    BOOST_TEST(result.at("ok").as_bool(), result);
}

BOOST_AUTO_TEST_CASE(retry_after_honoured_fails_when_the_client_retries_at_once) {
    put_scenario("rate-limited", rate_limited);
    BOOST_TEST_REQUIRE(client.post_json(stt, launch_body).status == 429u);
    advance(1);
    launch(client);
    const auto result = verify(client, "check=retry_after_honoured&tenant=test-token");
    BOOST_TEST(!result.at("ok").as_bool());
    BOOST_TEST(result.at("evidence").at(0).at("waited_ms").as_double() == 1000.0);
}

BOOST_AUTO_TEST_CASE(verify_refuses_unknown_checks_and_bad_parameters) {
    for (const auto* query : {"",
                              "check=nonsense",
                              "check=poll_rate",
                              "check=poll_rate&max_per_second=0",
                              "check=poll_rate&max_per_second=fast"}) {
        BOOST_TEST_CONTEXT(query) {
            const auto res = client.get(std::string{"/_emulator/verify?"} + query);
            BOOST_TEST(res.status == 400u);
            BOOST_TEST(res.json().at("error").at("type").as_string() == "Invalid request");
        }
    }
}

BOOST_AUTO_TEST_CASE(metrics_follow_the_exposition_format_and_count_requests) {
    const auto before = read_metrics(client);
    for (const auto& [name, type] : std::map<std::string, std::string>{
             {"edenmock_requests_total", "counter"},
             {"edenmock_request_duration_seconds", "histogram"},
             {"edenmock_jobs", "gauge"},
             {"edenmock_webhook_attempts_total", "counter"},
             {"edenmock_request_journal_dropped_total", "counter"},
             {"edenmock_webhook_journal_dropped_total", "counter"}}) {
        BOOST_TEST(before.types.at(name) == type, name);
    }
    const auto id = launch(client);
    client.get(std::string{stt} + "/" + id);
    client.get(std::string{stt} + "/" + id);
    const auto after = read_metrics(client);
    const std::string got = R"(edenmock_requests_total{route="get",status="200"})";
    BOOST_TEST(after.value(got) == before.value(got) + 2);
    BOOST_TEST(after.value(R"(edenmock_requests_total{route="launch",status="200"})") == 1.0);
    BOOST_TEST(after.value(R"(edenmock_requests_total{route="control",status="200"})") >= 1.0);
    BOOST_TEST(after.value(R"(edenmock_jobs{state="processing"})") == 1.0);
    BOOST_TEST(after.value(R"(edenmock_jobs{state="finished"})") == 0.0);
    BOOST_TEST(after.samples.contains(R"(edenmock_webhook_attempts_total{status="delivered"})"));
    double previous = 0;
    for (const auto* le : {"0.0005",
                           "0.001",
                           "0.0025",
                           "0.005",
                           "0.01",
                           "0.025",
                           "0.05",
                           "0.1",
                           "0.25",
                           "0.5",
                           "1",
                           "2.5",
                           "+Inf"}) {
        const auto bucket = after.value(
            std::string{R"(edenmock_request_duration_seconds_bucket{route="get",le=")"} + le +
            "\"}");
        BOOST_TEST(bucket >= previous, le);
        previous = bucket;
    }
    BOOST_TEST(previous == 2.0);
    BOOST_TEST(after.value(R"(edenmock_request_duration_seconds_count{route="get"})") == previous);
    advance(2);
    BOOST_TEST(read_metrics(client).value(R"(edenmock_jobs{state="finished"})") == 1.0);
}

BOOST_AUTO_TEST_CASE(polls_of_a_finished_job_answer_the_same_bytes_from_the_result_cache) {
    const auto id = launch(client);
    const auto job = std::string{stt} + "/" + id;
    advance(2);
    const auto before = read_metrics(client);
    const auto first = client.get(job).body;
    const auto original = client.get(job + "?show_original_response=true").body;
    BOOST_TEST(client.get(job).body == first);
    BOOST_TEST(client.get(job + "?show_original_response=true").body == original);
    BOOST_TEST(original != first);
    const auto after = read_metrics(client);
    const std::string hits = R"(edenmock_result_cache_lookups_total{outcome="hit"})";
    const std::string misses = R"(edenmock_result_cache_lookups_total{outcome="miss"})";
    BOOST_TEST(after.value(hits) == before.value(hits) + 2);
    BOOST_TEST(after.value(misses) == before.value(misses) + 2);
    BOOST_TEST(after.value("edenmock_result_cache_bytes") > static_cast<double>(first.size()));
    BOOST_TEST(after.types.at("edenmock_result_cache_evictions_total") == "counter");

    // Without the cache (the same seed and requests), every poll renders the same bytes.
    auto opts = test_emulator::default_options();
    opts.result_cache_bytes = 0;
    test_emulator uncached{opts};
    http_client other{uncached.port()};
    BOOST_TEST(launch(other) == id);
    BOOST_TEST(other.post_json("/_emulator/clock/advance", R"({"seconds": 2})").status == 200u);
    BOOST_TEST(other.get(job).body == first);
    BOOST_TEST(other.get(job + "?show_original_response=true").body == original);
    const auto none = read_metrics(other);
    BOOST_TEST(none.value(hits) == 0.0);
    BOOST_TEST(none.value("edenmock_result_cache_bytes") == 0.0);
}

BOOST_AUTO_TEST_CASE(json_access_lines_carry_fields_and_hide_the_token) {
    log_capture capture;
    auto opts = test_emulator::default_options();
    opts.log_level = emu::log::level::info;
    test_emulator logged{opts};
    http_client other{logged.port(), "secret-token-123"};
    other.get(std::string{stt} + "?page=2");
    const auto line = capture.wait_for("\"path\":\"/v2/audio/speech_to_text_async\"");
    BOOST_TEST_REQUIRE(!line.empty());
    BOOST_TEST(line.find("secret-token-123") == std::string::npos);
    const auto parsed = json::parse(line).as_object();
    BOOST_TEST(parsed.at("ts").as_string().ends_with("Z"));
    BOOST_TEST(parsed.at("level").as_string() == "info");
    BOOST_TEST(!parsed.at("msg").as_string().empty());
    BOOST_TEST(parsed.at("method").as_string() == "GET");
    BOOST_TEST(parsed.at("status").as_int64() == 200);
    BOOST_TEST(parsed.at("duration_ms").is_number());
    BOOST_TEST(parsed.at("tenant_hash").as_string() == emu::log::tenant_hash("secret-token-123"));
    BOOST_TEST(parsed.at("tenant_hash").as_string().size() == 8u);
    emu::log::warn("plain message");
    const auto plain = json::parse(capture.wait_for("plain message")).as_object();
    BOOST_TEST(plain.at("level").as_string() == "warn");
    BOOST_TEST(plain.at("msg").as_string() == "plain message");
}

BOOST_AUTO_TEST_SUITE_END()
