// webhook_dispatcher: the headers, signature and attempt timeout of each API's deliveries, the
// same signed bytes on every retry, and --webhook-strict. The sender's io_context runs only when
// a test polls it, so sent attempts stay in flight and are read back from the journal; the
// receivers' URLs are never connected to (a test that needs an answer uses a URL the sender
// refuses before any network step).
#include "server/webhooks/webhook_dispatcher.hpp"
#include "server/wire/json_writer.hpp"
#include "tests/integration/support/signature_check.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <functional>
#include <future>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace emu;
using namespace std::chrono_literals;
using emu::testing::signature_procedure;
using emu::testing::signature_verifies;
using header_list = std::vector<std::pair<std::string, std::string>>;

// One key for every case: generating one takes up to half a second.
webhooks::signing_key_source& shared_keys() {
    static webhooks::signing_key_source keys;
    return keys;
}

// Keys out of order, unicode and a float: the canonical form differs from the indented one.
const boost::json::value payload = boost::json::parse(
    R"({"status": "success", "job_id": "j-1", "output": {"text": "café ☕", "score": 1.0}})");

// A v3 feature as the v3 catalog will declare one.
const features::feature_spec v3_ocr{.path = "ocr/ocr_async", .api = features::api_version::v3};

// A dispatcher on a manual clock over a job service whose ended jobs it delivers; v2 bodies are
// `payload` indented, v3 ones canonical, as the emulator's renderers write them.
struct dispatcher_fixture {
    explicit dispatcher_fixture(webhooks::webhook_settings settings = {}) {
        settings.user_agent = "edenmock/test";
        dispatcher.emplace(
            clocks,
            jobs,
            sender,
            shared_keys(),
            std::move(settings),
            [this](const jobs::job_snapshot& job) {
                if (rendering) {
                    rendering();
                }
                return job.feature->api == features::api_version::v3 ? json_text::canonical(payload)
                                                                     : json_text::indented(payload);
            },
            7);
        jobs.on_end([this](const jobs::job_snapshot& job, scheduling::instant at) {
            dispatcher->job_ended(job, at);
        });
    }

    // Launches a job of `feature` with that receiver and lets it end (2 s), so that its first
    // attempt is due and sent (or refused).
    void launch_and_end(const features::feature_spec& feature, const std::string& receiver) {
        auto input = std::make_shared<jobs::job_input>();
        input->webhook_receiver = receiver;
        jobs.launch("t",
                    feature,
                    {{"amazon", ""}},
                    input,
                    std::make_shared<const scenario::scenario>(scenario::default_scenario()));
        clock.advance(2s);
        jobs.run_due();
        dispatcher->run_due();
    }

    // The same, returning that first attempt as the journal shows it.
    webhooks::attempt_record deliver(const features::feature_spec& feature,
                                     const std::string& receiver = "https://hooks.example/in") {
        launch_and_end(feature, receiver);
        const auto attempts = dispatcher->journal({});
        BOOST_TEST_REQUIRE(!attempts.empty());
        return attempts.back();
    }

    // The value of header `name` (exact spelling) sent by `attempt`; "" when absent.
    static std::string header(const webhooks::attempt_record& attempt, std::string_view name) {
        for (const auto& [key, value] : attempt.headers) {
            if (key == name) {
                return value;
            }
        }
        return {};
    }

    scheduling::manual_clock clock{scheduling::instant{1767225600s}};
    scheduling::tenant_clocks clocks{clock};
    jobs::job_service jobs{clocks, 7, jobs::list_mode::live};
    boost::asio::io_context io; // polled by the tests that want answers
    webhooks::http_sender sender{io, {}};
    std::function<void()> rendering; // set: called on the signing pool before each body
    std::optional<webhooks::webhook_dispatcher> dispatcher;
    const features::feature_spec& stt = *features::find_feature("audio/speech_to_text_async");
};

std::string public_pem() {
    return shared_keys().key().public_key_pem();
}

webhooks::webhook_settings with(void (*change)(webhooks::webhook_settings&)) {
    webhooks::webhook_settings settings;
    change(settings);
    return settings;
}

} // namespace

BOOST_AUTO_TEST_SUITE(webhook_dispatcher)

BOOST_FIXTURE_TEST_CASE(v2_headers_and_the_signature_of_the_bodys_digest, dispatcher_fixture) {
    const auto attempt = deliver(stt);
    const auto& body = *attempt.body;
    BOOST_TEST(body == json_text::indented(payload));
    const auto signature = header(attempt, "x-edenai-signature");
    const header_list expected{{"Content-Type", "application/json"},
                               {"User-Agent", "edenmock/test"},
                               {"x-edenai-hash-algorithm", "SHA256"},
                               {"x-edenai-signature", signature},
                               {"x-edenmock-delivery-id", attempt.delivery_id},
                               {"x-edenmock-attempt", "1"}};
    BOOST_TEST((attempt.headers == expected));
    BOOST_TEST(signature.size() == 512u);
    BOOST_TEST(signature_verifies(public_pem(), body, signature, signature_procedure::eden_v2));
    BOOST_TEST(!signature_verifies(public_pem(), body, signature, signature_procedure::body_bytes));
}

BOOST_AUTO_TEST_CASE(v2_body_scheme_signs_the_body_bytes) {
    dispatcher_fixture f{with([](auto& s) { s.signature = webhooks::signature_scheme::body; })};
    const auto attempt = f.deliver(f.stt);
    const auto signature = f.header(attempt, "x-edenai-signature");
    BOOST_TEST(signature_verifies(
        public_pem(), *attempt.body, signature, signature_procedure::body_bytes));
    BOOST_TEST(
        !signature_verifies(public_pem(), *attempt.body, signature, signature_procedure::eden_v2));
}

BOOST_FIXTURE_TEST_CASE(v3_headers_are_edens_and_sign_the_canonical_bodys_digest,
                        dispatcher_fixture) {
    const auto attempt = deliver(v3_ocr);
    const auto& body = *attempt.body;
    BOOST_TEST(body == json_text::canonical(payload));
    const auto signature = header(attempt, "X-Edenai-Signature");
    const header_list expected{{"Content-Type", "application/json"},
                               {"User-Agent", "EdenAI/Ai-Features"},
                               {"X-Edenai-Webhook", "true"},
                               {"X-Edenai-Signature", signature},
                               {"X-Edenai-Hash-Algorithm", "SHA256"},
                               {"x-edenmock-delivery-id", attempt.delivery_id},
                               {"x-edenmock-attempt", "1"}};
    BOOST_TEST((attempt.headers == expected));
    BOOST_TEST(signature_verifies(public_pem(), body, signature, signature_procedure::eden_v3));
    BOOST_TEST(!signature_verifies(public_pem(), body, signature, signature_procedure::body_bytes));
}

BOOST_AUTO_TEST_CASE(v3_ignores_the_v2_body_scheme) {
    dispatcher_fixture f{with([](auto& s) { s.signature = webhooks::signature_scheme::body; })};
    const auto attempt = f.deliver(v3_ocr);
    BOOST_TEST(signature_verifies(public_pem(),
                                  *attempt.body,
                                  f.header(attempt, "X-Edenai-Signature"),
                                  signature_procedure::eden_v3));
}

BOOST_AUTO_TEST_CASE(signing_off_sends_no_signature_headers_for_either_api) {
    for (const auto* feature : {features::find_feature("audio/speech_to_text_async"), &v3_ocr}) {
        dispatcher_fixture f{with([](auto& s) { s.signing = false; })};
        const auto attempt = f.deliver(*feature);
        BOOST_TEST(attempt.headers.size() == (feature == &v3_ocr ? 5u : 4u));
        for (const auto& [name, value] : attempt.headers) {
            BOOST_TEST(name.find("ignature") == std::string::npos, name);
            BOOST_TEST(name.find("ash-Algorithm") == std::string::npos, name);
            BOOST_TEST(name.find("ash-algorithm") == std::string::npos, name);
        }
    }
}

BOOST_FIXTURE_TEST_CASE(the_attempt_timeout_is_each_apis_own, dispatcher_fixture) {
    // The first attempt stays in flight: the next due entry is its timeout.
    const auto sent = deliver(stt).sent_at;
    BOOST_TEST_REQUIRE(sent.has_value());
    BOOST_TEST((dispatcher->next_due() == *sent + 10s));
    dispatcher_fixture v3;
    const auto v3_sent = v3.deliver(v3_ocr).sent_at;
    BOOST_TEST_REQUIRE(v3_sent.has_value());
    BOOST_TEST((v3.dispatcher->next_due() == *v3_sent + 30s));
    dispatcher_fixture custom{with([](auto& s) {
        s.attempt_timeout = 4s;
        s.v3_attempt_timeout = 7s;
    })};
    custom.deliver(v3_ocr);
    BOOST_TEST((custom.dispatcher->next_due() == custom.clock.now() + 7s));
}

BOOST_FIXTURE_TEST_CASE(v3_deliveries_retry_three_times_with_the_shared_backoff,
                        dispatcher_fixture) {
    // The sender refuses the URL at once ("bad URL"), a failure that retries.
    deliver(v3_ocr, "mailto:hooks@example.com");
    for (const auto delay : {1s, 2s, 4s}) {
        io.poll();
        io.restart();
        clock.advance(delay);
        dispatcher->run_due();
    }
    io.poll();
    const auto attempts = dispatcher->journal({});
    BOOST_TEST_REQUIRE(attempts.size() == 4u);
    BOOST_TEST(attempts.back().error.starts_with("bad URL"), attempts.back().error);
    BOOST_TEST(!attempts.back().retry_at.has_value());
    BOOST_TEST((attempts.back().sent_at == clock.now()));
    BOOST_TEST(dispatcher->idle());
}

BOOST_FIXTURE_TEST_CASE(retries_send_the_same_bytes_with_the_same_signature, dispatcher_fixture) {
    deliver(stt, "mailto:hooks@example.com");
    for (const auto delay : {1s, 2s}) {
        io.poll();
        io.restart();
        clock.advance(delay);
        dispatcher->run_due();
    }
    const auto attempts = dispatcher->journal({});
    BOOST_TEST_REQUIRE(attempts.size() == 3u);
    const auto signature = header(attempts.front(), "x-edenai-signature");
    BOOST_TEST(signature.size() == 512u);
    for (const auto& attempt : attempts) {
        BOOST_TEST(header(attempt, "x-edenai-signature") == signature);
        BOOST_TEST(attempt.body == attempts.front().body); // the same bytes, shared
    }
    BOOST_TEST(header(attempts.back(), "x-edenmock-attempt") == "3");
}

BOOST_FIXTURE_TEST_CASE(an_attempt_whose_time_runs_out_before_it_is_signed_fails_unsent,
                        dispatcher_fixture) {
    std::promise<void> release;
    auto released = release.get_future().share();
    rendering = [released] {
        released.wait();
    };
    launch_and_end(stt, "https://hooks.example/in"); // sent: its body waits on the pool
    BOOST_TEST(dispatcher->in_flight() == 1u);
    BOOST_TEST(!dispatcher->idle());
    clock.advance(10s); // --webhook-timeout's default
    dispatcher->run_due();
    release.set_value();
    const auto attempts = dispatcher->journal({}); // waits for the pool
    BOOST_TEST_REQUIRE(attempts.size() == 1u);
    BOOST_TEST((attempts[0].status == webhooks::attempt_status::failed));
    BOOST_TEST(attempts[0].error == "cancelled: timed out after 10s (--webhook-timeout)");
    BOOST_TEST(attempts[0].retry_at.has_value());
    BOOST_TEST(sender.in_flight() + sender.queued() == 0u); // never handed to the sender
}

BOOST_AUTO_TEST_CASE(strict_refuses_http_and_non_public_literals_like_a_denied_host) {
    dispatcher_fixture f{with([](auto& s) { s.strict = true; })};
    f.deliver(f.stt, "http://hooks.example/in");
    f.deliver(f.stt, "https://127.0.0.1:8443/in");
    f.deliver(v3_ocr, "https://[fd00::1]/in");
    const auto attempts = f.dispatcher->journal({});
    BOOST_TEST_REQUIRE(attempts.size() == 3u);
    for (const auto& attempt : attempts) {
        BOOST_TEST((attempt.status == webhooks::attempt_status::blocked));
        BOOST_TEST(!attempt.sent_at.has_value());
    }
    BOOST_TEST(attempts[0].error ==
               "http:// receivers are refused by --webhook-strict: Eden delivers to https only");
    BOOST_TEST(attempts[1].error ==
               "host 127.0.0.1 is a loopback address, refused by --webhook-strict");
    BOOST_TEST(attempts[2].error ==
               "host fd00::1 is a private address, refused by --webhook-strict");
}

BOOST_FIXTURE_TEST_CASE(without_strict_local_http_receivers_are_sent_to, dispatcher_fixture) {
    const auto attempt = deliver(stt, "http://127.0.0.1:9/in");
    BOOST_TEST((attempt.status == webhooks::attempt_status::in_flight));
    BOOST_TEST(attempt.sent_at.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
