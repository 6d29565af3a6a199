// What the v2 surface offers, for v3 jobs: signed webhooks, scenarios matched by model and API,
// scenario faults in v3's format, the opt-in rate limit, the request journal and await.
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/signature_check.hpp"
#include "tests/integration/support/test_emulator.hpp"
#include "tests/integration/support/v3_schema_check.hpp"
#include "tests/integration/support/webhook_receiver.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

namespace {

using namespace emu::testing;
namespace json = boost::json;
using namespace std::chrono_literals;

struct fixture {
    test_emulator emulator;
    http_client client{emulator.port(), "v3-key"};

    http_result create(const std::string& body,
                       std::vector<std::pair<std::string, std::string>> headers = {}) {
        headers.emplace_back("Content-Type", "application/json");
        return client.request("POST", "/v3/universal-ai/async", body, headers);
    }

    std::string created_id(const std::string& body) {
        const auto res = create(body);
        BOOST_TEST_REQUIRE(res.status == 202u, res.body);
        check_v3_schema("job", res.json());
        return std::string{res.json().at("public_id").as_string()};
    }

    json::value poll(const std::string& id) {
        const auto job = client.get("/v3/universal-ai/async/" + id).json();
        check_v3_schema("job", job);
        return job;
    }

    void advance(int seconds) {
        client.post_json("/_emulator/clock/advance",
                         "{\"seconds\": " + std::to_string(seconds) + "}");
    }
};

std::string ocr_body(std::string_view model, std::string_view extra = {}) {
    return R"({"model": ")" + std::string{model} +
           R"(", "input": {"file": "https://example.com/scan.pdf"})" + std::string{extra} + "}";
}

} // namespace

BOOST_AUTO_TEST_SUITE(v3_platform)

BOOST_AUTO_TEST_CASE(an_ended_job_posts_a_signed_async_job_completed_event) {
    fixture f;
    webhook_receiver receiver;
    const auto id = f.created_id(
        ocr_body("ocr/ocr_async/amazon",
                 R"(, "webhook_receiver": ")" + receiver.url("/hook") +
                     R"(", "user_webhook_parameters": {"internal_ref": "order-42", "n": 1.5})"));
    f.advance(10);
    BOOST_TEST_REQUIRE(receiver.wait_for_requests(1, 10s));
    const auto hook = receiver.requests().front();
    BOOST_TEST(hook.target == "/hook");
    BOOST_TEST(hook.header("Content-Type") == "application/json");
    BOOST_TEST(hook.header("User-Agent") == "EdenAI/Ai-Features");
    BOOST_TEST(hook.header("X-Edenai-Webhook") == "true");
    BOOST_TEST(hook.header("X-Edenai-Hash-Algorithm") == "SHA256");
    const auto key = f.client.get("/_emulator/webhooks/public-key").body;
    BOOST_TEST(signature_verifies(
        key, hook.body, hook.header("X-Edenai-Signature"), signature_procedure::eden_v3));
    auto tampered = hook.body;
    tampered.replace(tampered.find("order-42"), 8, "order-43");
    BOOST_TEST(!signature_verifies(
        key, tampered, hook.header("X-Edenai-Signature"), signature_procedure::eden_v3));

    const auto body = json::parse(hook.body).as_object();
    BOOST_TEST(body.at("event").as_string() == "async_job_completed");
    BOOST_TEST(body.at("job_id").as_string() == id);
    BOOST_TEST(body.at("status").as_string() == "success");
    BOOST_TEST(body.at("feature").as_string() == "ocr");
    BOOST_TEST(body.at("subfeature").as_string() == "ocr_async");
    BOOST_TEST(body.at("provider").as_string() == "amazon");
    BOOST_TEST(body.at("model").is_null());
    BOOST_TEST(body.at("created_at").as_string() == "2026-01-01T00:00:00.000000Z");
    BOOST_TEST(body.at("finished_at").as_string() == "2026-01-01T00:00:02.000000Z");
    BOOST_TEST(body.at("output") == f.poll(id).at("output"));
    BOOST_TEST(!body.contains("error"));
    BOOST_TEST(!body.contains("cost"));
    BOOST_TEST(!body.contains("public_id"));
    BOOST_TEST(body.at("user_parameters") ==
               json::parse(R"({"internal_ref": "order-42", "n": 1.5})"));
    // Sent as the canonical form itself: sorted keys, 2-space indentation.
    BOOST_TEST(hook.body.starts_with("{\n  \"created_at\": "));
}

BOOST_AUTO_TEST_CASE(a_failed_job_posts_its_error_and_no_output) {
    fixture f;
    webhook_receiver receiver;
    f.client.request("PUT",
                     "/_emulator/scenarios/broken",
                     R"({"match": {"model": "ocr/ocr_async/mistral*"},
                         "timelines": {"*": [{"after": "1s", "status": "failed",
                             "error": {"type": "ProviderException", "message": "mistral exploded"}}]}})");
    const auto id = f.created_id(
        ocr_body("ocr/ocr_async/mistral", R"(, "webhook_receiver": ")" + receiver.url() + "\""));
    f.advance(5);
    BOOST_TEST_REQUIRE(receiver.wait_for_requests(1, 10s));
    const auto body = json::parse(receiver.requests().front().body).as_object();
    BOOST_TEST(body.at("status").as_string() == "fail");
    BOOST_TEST(body.at("error") == json::parse(R"({"message": "mistral exploded"})"));
    BOOST_TEST(!body.contains("output"));
    BOOST_TEST(!body.contains("user_parameters"));
    BOOST_TEST(f.poll(id).at("status").as_string() == "fail");
}

BOOST_AUTO_TEST_CASE(scenarios_match_v3_launches_by_model_and_api) {
    fixture f;
    f.client.request("PUT",
                     "/_emulator/scenarios/slow-deepgram",
                     R"({"match": {"api": "v3", "model": "audio/speech_to_text_async/deepgram/*"},
                         "timelines": {"*": [{"after": "60s"}]}})");
    const auto nova = f.created_id(R"({"model": "audio/speech_to_text_async/deepgram/nova-3",
                                       "input": {"file": "https://e.test/a.wav"}})");
    const auto amazon = f.created_id(R"({"model": "audio/speech_to_text_async/amazon",
                                         "input": {"file": "https://e.test/a.wav"}})");
    const auto v2 = f.client.post_form("/v2/audio/speech_to_text_async",
                                       "providers=deepgram&file_url=https://e.test/a.wav");
    const std::string v2_id{v2.json().at("public_id").as_string()};
    f.advance(10);
    BOOST_TEST(f.poll(nova).at("status").as_string() == "processing");
    BOOST_TEST(f.poll(amazon).at("status").as_string() == "success");
    BOOST_TEST(
        f.client.get("/v2/audio/speech_to_text_async/" + v2_id).json().at("status").as_string() ==
        "finished");
    f.advance(60);
    BOOST_TEST(f.poll(nova).at("status").as_string() == "success");
}

BOOST_AUTO_TEST_CASE(scenario_faults_answer_in_v3s_format) {
    fixture f;
    f.client.request("PUT",
                     "/_emulator/scenarios/limited",
                     R"({"match": {"api": "v3"},
                         "faults": [{"on": "launch", "when": {"nth": 2}, "status": 429, "retry_after": 3},
                                    {"on": "get", "when": {"nth": 1}, "status": 503}]})");
    const auto id = f.created_id(ocr_body("ocr/ocr_async/amazon"));
    const auto limited = f.create(ocr_body("ocr/ocr_async/amazon"));
    BOOST_TEST(limited.status == 429u);
    BOOST_TEST(limited.header("retry-after") == "3");
    BOOST_TEST(
        limited.json() ==
        json::parse(
            R"({"detail": "Rate limit exceeded", "error_code": "RATE_LIMITED", "retry_after": 3.0})"));
    const auto unavailable = f.client.get("/v3/universal-ai/async/" + id);
    BOOST_TEST(unavailable.status == 503u);
    BOOST_TEST(unavailable.body == R"({"detail":"Service Unavailable"})");
    BOOST_TEST(f.client.get("/v3/universal-ai/async/" + id).status == 200u);
    BOOST_TEST(f.client.get("/v3/universal-ai/async").json().at("total").as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(the_rate_limit_counts_each_keys_requests_per_second_of_its_clock) {
    auto opts = test_emulator::default_options();
    opts.rate_limit = 3;
    test_emulator emulator{opts};
    http_client client{emulator.port(), "busy"};
    for (int i = 0; i < 3; ++i) {
        BOOST_TEST(client.get("/v3/universal-ai/async").status == 200u);
    }
    const auto limited = client.get("/v3/upload");
    BOOST_TEST(limited.status == 429u);
    BOOST_TEST(limited.header("retry-after") == "1");
    BOOST_TEST(
        limited.json() ==
        json::parse(
            R"({"detail": "Rate limit exceeded", "error_code": "RATE_LIMITED", "retry_after": 1.0})"));
    const auto v2 = client.get("/v2/ocr/ocr_async");
    BOOST_TEST(v2.status == 429u);
    BOOST_TEST(v2.json().at("error").at("code").as_int64() == 429);
    BOOST_TEST(client.request("GET", "/v3/info", {}, {}, false).status == 200u); // no key, no limit
    http_client other{emulator.port(), "calm"};
    BOOST_TEST(other.get("/v3/universal-ai/async").status == 200u);

    client.post_json("/_emulator/clock/advance", R"({"ms": 500})");
    const auto half = client.get("/v3/universal-ai/async");
    BOOST_TEST(half.json().at("retry_after").as_double() == 0.5);
    client.post_json("/_emulator/clock/advance", R"({"ms": 500})");
    BOOST_TEST(client.get("/v3/universal-ai/async").status == 200u);
    const auto journal = client.get("/_emulator/requests?tenant=busy").json();
    std::size_t refused = 0;
    for (const auto& record : journal.at("requests").as_array()) {
        refused += record.at("status").as_int64() == 429 ? 1U : 0U;
    }
    BOOST_TEST(refused == 3u);
}

BOOST_AUTO_TEST_CASE(the_journal_and_await_know_v3_jobs) {
    fixture f;
    const auto id = f.created_id(ocr_body("ocr/ocr_tables_async/google"));
    const auto records = f.client.get("/_emulator/requests?tenant=v3-key").json();
    const auto& created = records.at("requests").as_array().back();
    BOOST_TEST(created.at("kind").as_string() == "launch");
    BOOST_TEST(created.at("feature").as_string() == "ocr/ocr_tables_async");
    BOOST_TEST(created.at("job").as_string() == id);

    const auto waiting = f.client.get("/_emulator/await?job=" + id + "&status=success&timeout=0s");
    BOOST_TEST(waiting.status == 408u);
    BOOST_TEST(waiting.json().at("job").at("status").as_string() == "processing");
    f.advance(2);
    const auto done = f.client.get("/_emulator/await?job=" + id + "&status=success");
    BOOST_TEST(done.status == 200u);
    BOOST_TEST(done.json().at("job").at("status").as_string() == "success");
    f.poll(id);
    const auto polled = f.client.get("/_emulator/requests?tenant=v3-key").json();
    const auto& get = polled.at("requests").as_array().back();
    BOOST_TEST(get.at("kind").as_string() == "get");
    BOOST_TEST(get.at("job").as_string() == id);
    BOOST_TEST(get.at("job_status").as_string() == "success");
}

BOOST_AUTO_TEST_CASE(reset_forgets_a_tenants_uploads_and_v3_jobs) {
    fixture f;
    f.created_id(ocr_body("ocr/ocr_async/amazon"));
    f.client.post_multipart("/v3/upload", {{"file", "%PDF-1.4\n", "a.pdf", "application/pdf"}});
    const auto reset = f.client.post_json("/_emulator/reset?tenant=v3-key", "");
    BOOST_TEST(reset.json().at("deleted_jobs").as_int64() == 1);
    BOOST_TEST(reset.json().at("deleted_files").as_int64() == 1);
    BOOST_TEST(f.client.get("/v3/upload").json().at("total").as_int64() == 0);
    BOOST_TEST(f.client.get("/v3/universal-ai/async").json().at("total").as_int64() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
