// Webhook deliveries end to end: an emulator on a manual clock, a real receiver on loopback,
// and the delivery journal. Each test waits on events (requests received, attempts settled),
// never on time.
#include "server/support/iso_time.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/running_emulator.hpp"
#include "tests/integration/support/signature_check.hpp"
#include "tests/integration/support/temp_file.hpp"
#include "tests/integration/support/test_emulator.hpp"
#include "tests/integration/support/webhook_receiver.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

namespace {

using namespace emu::testing;
using namespace std::chrono_literals;
namespace json = boost::json;
using emu::testing::signature_procedure;

constexpr std::string_view stt = "/v2/audio/speech_to_text_async";

// The manual clock's start (test_emulator's default) plus `seconds`, as the journal writes it.
std::string at_seconds(double seconds) {
    return emu::support::format_utc(
        emu::scheduling::instant{std::chrono::seconds{1767225600}} +
        emu::scheduling::duration{static_cast<std::int64_t>(seconds * 1e6)});
}

// An emulator with `opts`, a client on it and a receiver; helpers to launch and to read the
// journal.
struct webhook_fixture {
    explicit webhook_fixture(emu::app::options opts = test_emulator::default_options(),
                             webhook_receiver::transport mode = webhook_receiver::transport::plain)
        : emulator(std::move(opts))
        , client(emulator.port())
        , receiver(mode) {}

    void advance(double seconds) {
        const auto res = client.post_json("/_emulator/clock/advance",
                                          "{\"seconds\": " + std::to_string(seconds) + "}");
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    }

    void put_scenario(std::string_view body) {
        const auto res = client.request("PUT", "/_emulator/scenarios/under-test", body);
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    }

    // Launches amazon speech-to-text with the receiver at /hook plus `extra` JSON members.
    std::string launch(std::string_view extra = "") {
        return launch_to(receiver.url("/hook"), extra);
    }

    // The same with the webhook sent to `url`.
    std::string launch_to(const std::string& url, std::string_view extra = "") {
        std::string body = R"({"providers": "amazon", "file_url": "https://x.test/a.wav", )"
                           R"("webhook_receiver": ")" +
                           url + "\"";
        if (!extra.empty()) {
            body += ", " + std::string{extra};
        }
        body += "}";
        const auto res = client.post_json(stt, body);
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
        return std::string{res.json().at("public_id").as_string()};
    }

    // The journal's attempts for `query` (e.g. "?job=<id>").
    json::array attempts(const std::string& query = "") {
        const auto res = client.get("/_emulator/webhooks" + query);
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
        const auto body = res.json();
        return body.at("attempts").as_array();
    }

    void settle() { BOOST_TEST_REQUIRE(emulator.wait_webhooks_settled()); }

    void require_requests(std::size_t n) {
        BOOST_TEST_REQUIRE(receiver.wait_for_requests(n, 10s), "expected " << n << " requests");
    }

    test_emulator emulator;
    http_client client;
    webhook_receiver receiver;
};

std::string text(const json::value& value) {
    return std::string{value.as_string()};
}

} // namespace

BOOST_AUTO_TEST_SUITE(webhook_delivery)

BOOST_FIXTURE_TEST_CASE(the_guides_flow_the_receiver_gets_the_result_without_polling,
                        webhook_fixture) {
    const auto id = launch(R"("users_webhook_parameters": {"order": 42, "note": "é"})");
    advance(2); // the default scenario: providers finish after 2 s
    require_requests(1);
    const auto request = receiver.requests().at(0);
    BOOST_TEST(request.method == "POST");
    BOOST_TEST(request.target == "/hook");
    BOOST_TEST(request.header("Content-Type") == "application/json");
    BOOST_TEST(request.header("User-Agent").starts_with("edenmock/"));
    BOOST_TEST(request.header("x-edenai-hash-algorithm") == "SHA256");
    BOOST_TEST(request.header("x-edenai-signature").size() == 512u);
    BOOST_TEST(request.header("x-edenmock-attempt") == "1");
    BOOST_TEST(!request.header("x-edenmock-delivery-id").empty());
    // 2-space indented, as Eden signs it; the envelope GET gives plus the user's parameters.
    BOOST_TEST(request.body.starts_with("{\n  \"public_id\": \"" + id + "\""));
    auto body = json::parse(request.body).as_object();
    BOOST_TEST(body.at("users_webhook_parameters") == json::parse(R"({"order": 42, "note": "é"})"));
    body.erase("users_webhook_parameters");
    const auto polled = client.get(std::string{stt} + "/" + id);
    BOOST_TEST(json::value(body) == polled.json());
    BOOST_TEST(text(body.at("status")) == "finished");
    BOOST_TEST(text(body.at("results").at("amazon").at("final_status")) == "finished");
    settle();
    const auto journal = attempts("?job=" + id);
    BOOST_TEST_REQUIRE(journal.size() == 1u);
    BOOST_TEST(text(journal.at(0).at("status")) == "delivered");
    BOOST_TEST(journal.at(0).at("response").at("status").as_int64() == 200);
    BOOST_TEST(text(journal.at(0).at("sent_at")) == at_seconds(2));
    BOOST_TEST(text(journal.at(0).at("request").at("body")) == request.body);
}

BOOST_FIXTURE_TEST_CASE(the_signature_verifies_as_edens_sample_checks_it, webhook_fixture) {
    launch(R"("users_webhook_parameters": {"note": "café", "ratio": 1.0})");
    advance(2);
    require_requests(1);
    const auto key = client.get("/_emulator/webhooks/public-key");
    BOOST_TEST_REQUIRE(key.status == 200u);
    BOOST_TEST(key.header("content-type") == "application/x-pem-file");
    BOOST_TEST(key.body.starts_with("-----BEGIN PUBLIC KEY-----"));
    const auto request = receiver.requests().at(0);
    const auto signature = request.header("x-edenai-signature");
    // Eden's procedure: SHA-256 hex of the 2-space-indented body, RSA-SHA256 over that hex.
    BOOST_TEST(signature_verifies(key.body, request.body, signature, signature_procedure::eden_v2));
    BOOST_TEST(
        !signature_verifies(key.body, request.body, signature, signature_procedure::body_bytes));
    auto tampered = request.body;
    tampered.replace(tampered.find("finished"), 8, "Finished");
    BOOST_TEST(!signature_verifies(key.body, tampered, signature, signature_procedure::eden_v2));
}

BOOST_AUTO_TEST_CASE(webhook_signature_body_signs_the_body_bytes) {
    auto opts = test_emulator::default_options();
    opts.webhook.signature = emu::webhooks::signature_scheme::body;
    webhook_fixture f{opts};
    f.launch();
    f.advance(2);
    f.require_requests(1);
    const auto key = f.client.get("/_emulator/webhooks/public-key").body;
    const auto request = f.receiver.requests().at(0);
    const auto signature = request.header("x-edenai-signature");
    BOOST_TEST(signature_verifies(key, request.body, signature, signature_procedure::body_bytes));
    BOOST_TEST(!signature_verifies(key, request.body, signature, signature_procedure::eden_v2));
    BOOST_TEST(
        !signature_verifies(key, request.body + " ", signature, signature_procedure::body_bytes));
}

BOOST_FIXTURE_TEST_CASE(
    users_parameters_are_echoed_as_sent_and_send_webhook_data_false_drops_results,
    webhook_fixture) {
    launch(R"("users_webhook_parameters": "ref-123")");
    launch(R"("send_webhook_data": false)");
    // Multipart: form text holding JSON is that JSON.
    const auto res = client.post_multipart(stt,
                                           {{"providers", "amazon", "", ""},
                                            {"file_url", "https://x.test/a.wav", "", ""},
                                            {"webhook_receiver", receiver.url("/form"), "", ""},
                                            {"users_webhook_parameters", R"({"id": 7})", "", ""}});
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    advance(2);
    require_requests(3);
    for (const auto& request : receiver.requests()) {
        const auto body = json::parse(request.body);
        if (request.target == "/form") {
            BOOST_TEST(body.at("users_webhook_parameters") == json::parse(R"({"id": 7})"));
        } else if (body.at("users_webhook_parameters").is_string()) {
            BOOST_TEST(text(body.at("users_webhook_parameters")) == "ref-123");
            BOOST_TEST(body.as_object().contains("results"));
        } else {
            BOOST_TEST(body.at("users_webhook_parameters").is_null());
            BOOST_TEST(!body.as_object().contains("results"));
            BOOST_TEST(text(body.at("status")) == "finished");
            BOOST_TEST(body.as_object().contains("public_id"));
        }
    }
}

BOOST_FIXTURE_TEST_CASE(a_failed_job_is_delivered_too, webhook_fixture) {
    put_scenario(R"({"timelines": {"*": [{"after": "1s", "status": "failed",
                    "error": {"message": "broken"}}]}})");
    launch();
    advance(1);
    require_requests(1);
    const auto body = json::parse(receiver.requests().at(0).body);
    BOOST_TEST(text(body.at("status")) == "failed");
    BOOST_TEST(text(body.at("error")) == "broken");
}

BOOST_FIXTURE_TEST_CASE(a_500_is_retried_at_the_configured_times_until_it_succeeds,
                        webhook_fixture) {
    receiver.script(behaviour::respond(500, "down"));
    receiver.script(behaviour::respond(503, "still down"));
    const auto id = launch();
    advance(2);
    require_requests(1);
    settle();
    auto journal = attempts();
    BOOST_TEST_REQUIRE(journal.size() == 1u);
    BOOST_TEST(text(journal.at(0).at("status")) == "failed");
    BOOST_TEST(text(journal.at(0).at("response").at("body")) == "down");
    BOOST_TEST(text(journal.at(0).at("retry_at")) == at_seconds(3));
    advance(0.999);
    settle();
    BOOST_TEST(attempts().size() == 1u); // nothing due yet
    advance(0.001);
    require_requests(2);
    settle();
    advance(2); // second retry: 2 s after the second attempt
    require_requests(3);
    settle();
    journal = attempts("?job=" + id);
    BOOST_TEST_REQUIRE(journal.size() == 3u);
    BOOST_TEST(text(journal.at(0).at("sent_at")) == at_seconds(2));
    BOOST_TEST(text(journal.at(1).at("sent_at")) == at_seconds(3));
    BOOST_TEST(text(journal.at(2).at("sent_at")) == at_seconds(5));
    BOOST_TEST(text(journal.at(1).at("kind")) == "retry");
    BOOST_TEST(text(journal.at(2).at("status")) == "delivered");
    BOOST_TEST(journal.at(2).at("retry_at").is_null());
    const auto requests = receiver.requests();
    BOOST_TEST(requests.at(2).header("x-edenmock-attempt") == "3");
    BOOST_TEST(requests.at(2).header("x-edenmock-delivery-id") ==
               requests.at(0).header("x-edenmock-delivery-id"));
    BOOST_TEST(requests.at(2).body == requests.at(0).body);
}

BOOST_FIXTURE_TEST_CASE(a_4xx_is_final, webhook_fixture) {
    receiver.script(behaviour::respond(400, "bad"));
    launch();
    advance(2);
    require_requests(1);
    settle();
    advance(3600);
    settle();
    const auto journal = attempts();
    BOOST_TEST_REQUIRE(journal.size() == 1u);
    BOOST_TEST(text(journal.at(0).at("status")) == "failed");
    BOOST_TEST(journal.at(0).at("retry_at").is_null());
    BOOST_TEST(receiver.requests().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_receiver_that_is_down_is_retried_three_times_with_backoff,
                        webhook_fixture) {
    const auto url = receiver.url("/hook");
    receiver.stop(); // its port now refuses connections
    const auto res = client.post_json(
        stt,
        R"({"providers": "amazon", "file_url": "https://x.test/a.wav", "webhook_receiver": ")" +
            url + "\"}");
    BOOST_TEST_REQUIRE(res.status == 200u);
    advance(2);
    for (const double step : {1.0, 2.0, 4.0, 60.0}) {
        settle();
        advance(step);
    }
    settle();
    const auto journal = attempts();
    BOOST_TEST_REQUIRE(journal.size() == 4u); // the first attempt and 3 retries
    const double sent[] = {2, 3, 5, 9};
    for (std::size_t i = 0; i < 4; ++i) {
        BOOST_TEST(text(journal.at(i).at("status")) == "failed");
        BOOST_TEST(text(journal.at(i).at("error")).starts_with("connect: "));
        BOOST_TEST(text(journal.at(i).at("sent_at")) == at_seconds(sent[i]));
    }
    BOOST_TEST(journal.at(3).at("retry_at").is_null());
}

BOOST_FIXTURE_TEST_CASE(a_receiver_that_never_answers_times_out_on_the_emulator_clock,
                        webhook_fixture) {
    receiver.script(behaviour::hang());
    launch();
    advance(2);
    require_requests(1);
    advance(9.999);
    BOOST_TEST(text(attempts().at(0).at("status")) == "in_flight");
    advance(0.001);
    settle();
    auto journal = attempts();
    BOOST_TEST(text(journal.at(0).at("status")) == "failed");
    BOOST_TEST(text(journal.at(0).at("error")) ==
               "cancelled: timed out after 10s (--webhook-timeout)");
    BOOST_TEST(text(journal.at(0).at("completed_at")) == at_seconds(12));
    BOOST_TEST(text(journal.at(0).at("retry_at")) == at_seconds(13));
    advance(1);
    require_requests(2);
    settle();
    BOOST_TEST(text(attempts().at(1).at("status")) == "delivered");
}

BOOST_AUTO_TEST_CASE(an_https_receiver_with_a_self_signed_certificate) {
    // Checked certificates: the self-signed one is refused.
    {
        webhook_fixture checked{test_emulator::default_options(), webhook_receiver::transport::tls};
        checked.launch();
        checked.advance(2);
        checked.settle();
        const auto journal = checked.attempts();
        BOOST_TEST_REQUIRE(journal.size() == 1u);
        BOOST_TEST(text(journal.at(0).at("status")) == "failed");
        BOOST_TEST(text(journal.at(0).at("error")).starts_with("TLS handshake: "),
                   journal.at(0).at("error"));
    }
    // --webhook-insecure: delivered.
    auto opts = test_emulator::default_options();
    opts.webhook_insecure = true;
    webhook_fixture insecure{opts, webhook_receiver::transport::tls};
    insecure.launch();
    insecure.advance(2);
    insecure.require_requests(1);
    insecure.settle();
    BOOST_TEST(text(insecure.attempts().at(0).at("status")) == "delivered");
    BOOST_TEST(insecure.receiver.url().starts_with("https://"));
}

BOOST_AUTO_TEST_CASE(an_https_receiver_trusted_through_webhook_ca_file) {
    webhook_receiver receiver{webhook_receiver::transport::tls};
    const temp_file ca{receiver.certificate_pem(), ".pem"};
    auto opts = test_emulator::default_options();
    opts.webhook_ca_file = ca.path().string();
    test_emulator emulator{opts};
    http_client client{emulator.port()};
    const auto res = client.post_json(
        stt,
        R"({"providers": "amazon", "file_url": "https://x.test/a.wav", "webhook_receiver": ")" +
            receiver.url("/secure") + "\"}");
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    BOOST_TEST(client.post_json("/_emulator/clock/advance", R"({"seconds": 2})").status == 200u);
    BOOST_TEST_REQUIRE(receiver.wait_for_requests(1, 10s));
    BOOST_TEST(receiver.requests().at(0).target == "/secure");
}

BOOST_FIXTURE_TEST_CASE(scenario_drop_sends_nothing, webhook_fixture) {
    put_scenario(R"({"timelines": {"*": [{"after": "1s"}]}, "webhook": {"drop": true}})");
    launch();
    advance(60);
    settle();
    const auto journal = attempts();
    BOOST_TEST_REQUIRE(journal.size() == 1u);
    BOOST_TEST(text(journal.at(0).at("status")) == "dropped");
    BOOST_TEST(journal.at(0).at("sent_at").is_null());
    BOOST_TEST(receiver.requests().empty());
}

BOOST_FIXTURE_TEST_CASE(scenario_delay_sends_late, webhook_fixture) {
    put_scenario(R"({"timelines": {"*": [{"after": "1s"}]}, "webhook": {"delay": "30s"}})");
    launch();
    advance(30.999);
    settle();
    BOOST_TEST(attempts().empty());
    advance(0.001);
    require_requests(1);
    settle();
    BOOST_TEST(text(attempts().at(0).at("sent_at")) == at_seconds(31));
}

BOOST_FIXTURE_TEST_CASE(scenario_duplicates_repeat_the_same_delivery, webhook_fixture) {
    put_scenario(R"({"timelines": {"*": [{"after": "1s"}]}, "webhook": {"duplicates": 2}})");
    launch();
    advance(1);
    require_requests(3);
    const auto requests = receiver.requests();
    BOOST_TEST(requests.at(1).body == requests.at(0).body);
    BOOST_TEST(requests.at(2).header("x-edenmock-delivery-id") ==
               requests.at(0).header("x-edenmock-delivery-id"));
    BOOST_TEST(requests.at(1).header("x-edenmock-attempt") == "2");
    BOOST_TEST(requests.at(2).header("x-edenmock-attempt") == "3");
    settle();
    BOOST_TEST(text(attempts().at(2).at("kind")) == "duplicate");
}

BOOST_FIXTURE_TEST_CASE(scenario_out_of_order_sends_attempt_2_before_attempt_1, webhook_fixture) {
    put_scenario(R"({"timelines": {"*": [{"after": "1s"}]}, "webhook": {"out_of_order": true}})");
    launch();
    advance(1);
    require_requests(2);
    const auto requests = receiver.requests();
    BOOST_TEST(requests.at(0).header("x-edenmock-attempt") == "2");
    BOOST_TEST(requests.at(1).header("x-edenmock-attempt") == "1");
    BOOST_TEST(requests.at(1).body == requests.at(0).body);
    settle();
    BOOST_TEST(text(attempts().at(1).at("kind")) == "late");
}

BOOST_FIXTURE_TEST_CASE(scenario_early_sends_before_get_shows_the_end, webhook_fixture) {
    put_scenario(R"({"timelines": {"*": [{"after": "1s"}]}, "webhook": {"early": "5s"}})");
    const auto id = launch();
    advance(1);
    require_requests(1);
    BOOST_TEST(text(json::parse(receiver.requests().at(0).body).at("status")) == "finished");
    const auto hidden = client.get(std::string{stt} + "/" + id);
    BOOST_TEST(text(hidden.json().at("status")) == "processing");
    BOOST_TEST(text(hidden.json().at("results").at("amazon").at("final_status")) == "processing");
    const auto listed = client.get(stt).json();
    BOOST_TEST(text(listed.at("jobs").at(0).at("state")) == "processing");
    advance(4.999);
    BOOST_TEST(text(client.get(std::string{stt} + "/" + id).json().at("status")) == "processing");
    advance(0.001);
    BOOST_TEST(text(client.get(std::string{stt} + "/" + id).json().at("status")) == "finished");
}

BOOST_FIXTURE_TEST_CASE(scenario_corrupt_signature_does_not_verify, webhook_fixture) {
    put_scenario(R"({"timelines": {"*": [{"after": "1s"}]},
                     "webhook": {"corrupt_signature": true}})");
    launch();
    advance(1);
    require_requests(1);
    const auto key = client.get("/_emulator/webhooks/public-key").body;
    const auto request = receiver.requests().at(0);
    BOOST_TEST(request.header("x-edenai-signature").size() == 512u);
    BOOST_TEST(!signature_verifies(
        key, request.body, request.header("x-edenai-signature"), signature_procedure::eden_v2));
}

BOOST_FIXTURE_TEST_CASE(a_deleted_job_is_not_delivered, webhook_fixture) {
    put_scenario(R"({"timelines": {"*": [{"after": "1s"}]}, "webhook": {"delay": "10s"}})");
    launch();
    advance(1);
    BOOST_TEST(client.del(stt).status == 204u);
    advance(10);
    settle();
    const auto journal = attempts();
    BOOST_TEST_REQUIRE(journal.size() == 1u);
    BOOST_TEST(text(journal.at(0).at("status")) == "cancelled");
    BOOST_TEST(receiver.requests().empty());
}

BOOST_FIXTURE_TEST_CASE(the_journal_filters_by_job_status_and_receiver, webhook_fixture) {
    receiver.script(behaviour::respond(400, "no"));
    const auto first = launch();
    const auto second = launch();
    advance(2);
    require_requests(2);
    settle();
    BOOST_TEST(attempts().size() == 2u);
    BOOST_TEST(attempts("?job=" + first).size() == 1u);
    BOOST_TEST(text(attempts("?job=" + second).at(0).at("job")) == second);
    BOOST_TEST(attempts("?status=delivered").size() == 1u);
    BOOST_TEST(attempts("?status=failed").size() == 1u);
    BOOST_TEST(attempts("?receiver=" + receiver.url("/h*")).size() == 2u);
    BOOST_TEST(attempts("?receiver=http://elsewhere/*").empty());
    const auto bad = client.get("/_emulator/webhooks?status=lost");
    BOOST_TEST(bad.status == 400u);
    BOOST_TEST(bad.json().at("error").at("message").as_object().contains("status"));
}

BOOST_AUTO_TEST_CASE(the_journal_keeps_the_newest_attempts_and_counts_the_dropped) {
    auto opts = test_emulator::default_options();
    opts.webhook.journal_size = 2;
    webhook_fixture f{opts};
    f.launch();
    f.launch();
    f.launch();
    f.advance(2);
    f.require_requests(3);
    f.settle();
    const auto res = f.client.get("/_emulator/webhooks");
    const auto body = res.json();
    BOOST_TEST(body.at("attempts").as_array().size() == 2u);
    BOOST_TEST(body.at("journal_dropped").as_int64() == 1);
    BOOST_TEST(body.at("attempts").at(0).at("seq").as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(beyond_the_journal_size_the_oldest_settled_deliveries_are_forgotten) {
    auto opts = test_emulator::default_options();
    opts.webhook.journal_size = 2;
    webhook_fixture f{opts};
    f.launch();
    f.advance(1);
    f.launch();
    f.launch();
    // The first job's delivery settles while the other two have theirs still scheduled.
    f.advance(1);
    f.require_requests(1);
    f.settle();
    const auto first = text(f.attempts().at(0).at("delivery_id"));
    f.advance(1);
    f.require_requests(3);
    f.settle();
    // Three deliveries, two kept: the oldest settled one is forgotten, the others redeliver.
    const auto kept = f.attempts();
    BOOST_TEST_REQUIRE(kept.size() == 2u);
    const auto redeliver = [&f](const std::string& id) {
        return f.client.post_json("/_emulator/webhooks/" + id + "/redeliver", "").status;
    };
    BOOST_TEST(redeliver(first) == 404u);
    BOOST_TEST(redeliver(text(kept.at(0).at("delivery_id"))) == 202u);
    BOOST_TEST(redeliver(text(kept.at(1).at("delivery_id"))) == 202u);
}

BOOST_FIXTURE_TEST_CASE(redeliver_sends_the_delivery_again, webhook_fixture) {
    launch();
    advance(2);
    require_requests(1);
    settle();
    const auto delivery = text(attempts().at(0).at("delivery_id"));
    const auto res = client.post_json("/_emulator/webhooks/" + delivery + "/redeliver", "");
    BOOST_TEST_REQUIRE(res.status == 202u, res.body);
    require_requests(2);
    settle();
    const auto requests = receiver.requests();
    BOOST_TEST(requests.at(1).header("x-edenmock-attempt") == "2");
    BOOST_TEST(requests.at(1).body == requests.at(0).body);
    BOOST_TEST(text(attempts().at(1).at("kind")) == "redelivery");
    BOOST_TEST(client.post_json("/_emulator/webhooks/nope/redeliver", "").status == 404u);
    BOOST_TEST(client.get("/_emulator/webhooks/" + delivery + "/redeliver").status == 405u);
}

BOOST_AUTO_TEST_CASE(a_denied_host_is_blocked) {
    auto opts = test_emulator::default_options();
    opts.webhook.deny = {"127.0.0.*"};
    webhook_fixture f{opts};
    f.launch();
    f.advance(2);
    f.settle();
    const auto journal = f.attempts();
    BOOST_TEST_REQUIRE(journal.size() == 1u);
    BOOST_TEST(text(journal.at(0).at("status")) == "blocked");
    BOOST_TEST(text(journal.at(0).at("error")) == "host 127.0.0.1 is refused by --webhook-deny");
    BOOST_TEST(f.receiver.requests().empty());
}

BOOST_AUTO_TEST_CASE(strict_blocks_http_and_loopback_receivers_without_retrying) {
    auto opts = test_emulator::default_options();
    opts.webhook.strict = true;
    opts.webhook_insecure = true; // so that only --webhook-strict can refuse the https receiver
    webhook_fixture f{opts, webhook_receiver::transport::tls};
    const auto port = std::to_string(f.receiver.port());
    const auto plain = f.launch_to("http://127.0.0.1:" + port + "/hook");
    const auto literal = f.launch();
    const auto named = f.launch_to("https://localhost:" + port + "/hook");
    f.advance(2);
    f.settle();
    f.advance(60); // no retries follow
    f.settle();
    BOOST_TEST(f.attempts().size() == 3u);
    BOOST_TEST(f.attempts("?status=blocked").size() == 3u);
    BOOST_TEST(text(f.attempts("?job=" + plain).at(0).at("error")) ==
               "http:// receivers are refused by --webhook-strict: Eden delivers to https only");
    BOOST_TEST(text(f.attempts("?job=" + literal).at(0).at("error")) ==
               "host 127.0.0.1 is a loopback address, refused by --webhook-strict");
    // A name is checked by what it resolves to, before any connection.
    const auto resolved = text(f.attempts("?job=" + named).at(0).at("error"));
    BOOST_TEST(resolved.starts_with("host localhost resolves to "), resolved);
    BOOST_TEST(resolved.ends_with(", a loopback address, refused by --webhook-strict"), resolved);
    BOOST_TEST(f.receiver.requests().empty());
    BOOST_TEST(f.receiver.connections_accepted() == 0u);
}

BOOST_AUTO_TEST_CASE(a_host_outside_the_allow_list_is_blocked_and_one_inside_is_not) {
    auto opts = test_emulator::default_options();
    opts.webhook.allow = {"localhost"};
    webhook_fixture f{opts};
    f.launch();
    f.advance(2);
    f.settle();
    BOOST_TEST(text(f.attempts().at(0).at("error")) == "host 127.0.0.1 is not in --webhook-allow");
    opts.webhook.allow = {"127.0.0.1"};
    webhook_fixture allowed{opts};
    allowed.launch();
    allowed.advance(2);
    allowed.require_requests(1);
}

BOOST_FIXTURE_TEST_CASE(fifty_stuck_deliveries_do_not_slow_the_api, webhook_fixture) {
    receiver.set_default(behaviour::hang());
    std::vector<std::string> ids;
    for (int i = 0; i < 50; ++i) {
        ids.push_back(launch());
    }
    advance(2);
    // The receiver holds as many as the per-host limit (8); the others wait their turn.
    require_requests(8);
    const auto journal = attempts("?status=in_flight");
    BOOST_TEST(journal.size() == 50u);
    // Launches and polls are answered while all 50 are stuck.
    for (int i = 0; i < 20; ++i) {
        const auto id = launch();
        const auto polled = client.get(std::string{stt} + "/" + id);
        BOOST_TEST(polled.status == 200u);
        BOOST_TEST(
            client.get(std::string{stt} + "/" + ids.at(static_cast<std::size_t>(i))).status ==
            200u);
    }
    BOOST_TEST(client.get("/_emulator/health").status == 200u);
    receiver.stop(); // frees the hung connections before the emulator stops
}

BOOST_FIXTURE_TEST_CASE(reset_forgets_deliveries_and_the_journal, webhook_fixture) {
    receiver.script(behaviour::respond(500, "down"));
    launch();
    advance(2);
    require_requests(1);
    settle();
    BOOST_TEST(client.post_json("/_emulator/reset", "").status == 200u);
    advance(60);
    settle();
    BOOST_TEST(attempts().empty());
    BOOST_TEST(receiver.requests().size() == 1u); // the scheduled retry was forgotten
}

BOOST_AUTO_TEST_SUITE_END()
