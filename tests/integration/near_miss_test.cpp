// The newcomer's mistakes (README "Near-miss hints"): each keeps Eden's status and body, and
// gets an X-Edenmock-Hint header saying what was near, logged once at info.
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/log_capture.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace emu::testing;
namespace json = boost::json;

using header_list = std::vector<std::pair<std::string, std::string>>;

// One mistake: the request ({v2job} and {v3job} stand for jobs the newcomer's key launched), and
// what it gets.
struct mistake {
    std::string what;
    std::string method;
    std::string target;
    header_list headers;
    std::string body;
    bool authorize;
    unsigned status;
    std::string eden_body;
    std::string hint;
};

std::ostream& operator<<(std::ostream& out, const mistake& m) {
    return out << m.what;
}

const header_list as_json{{"Content-Type", "application/json"}};
const header_list as_form{{"Content-Type", "application/x-www-form-urlencoded"}};
const std::string not_found = R"({"details": "Not Found"})";
const std::string stt_launch =
    R"({"providers": "google", "file_url": "https://example.com/a.wav"})";

std::vector<mistake> mistakes() {
    return {
        {"a v2 feature without _async",
         "GET",
         "/v2/audio/speech_to_text",
         {},
         "",
         true,
         404,
         not_found,
         "no such route; did you mean GET /v2/audio/speech_to_text_async?"},
        {"dashes for underscores",
         "POST",
         "/v2/audio/speech-to-text_async",
         as_json,
         stt_launch,
         true,
         404,
         not_found,
         "no such route; did you mean POST /v2/audio/speech_to_text_async?"},
        {"no /v2 prefix",
         "GET",
         "/audio/speech_to_text_async",
         {},
         "",
         true,
         404,
         not_found,
         "no such route; did you mean GET /v2/audio/speech_to_text_async?"},
        {"the feature under the wrong category",
         "POST",
         "/v2/audio/ocr_async",
         as_json,
         "{}",
         true,
         404,
         not_found,
         "no such route; did you mean POST /v2/ocr/ocr_async?"},
        {"a path near nothing",
         "GET",
         "/v2/nothing",
         {},
         "",
         true,
         404,
         not_found,
         "no such route; v2 async features are at /v2/<category>/<feature>, such as "
         "/v2/audio/speech_to_text_async (README, \"Eden AI v2 async features\")"},
        {"POST on a job",
         "POST",
         "/v2/audio/speech_to_text_async/{v2job}",
         as_json,
         stt_launch,
         true,
         405,
         R"({"error": {"type": "method_not_allowed", "message": "Method \"POST\" not allowed."}})",
         "/v2/audio/speech_to_text_async/{public_id} takes GET, not POST; did you mean POST "
         "/v2/audio/speech_to_text_async?"},
        {"a job asked under another feature",
         "GET",
         "/v2/ocr/ocr_async/{v2job}",
         {},
         "",
         true,
         404,
         not_found,
         "this job belongs to audio/speech_to_text_async (v2): GET "
         "/v2/audio/speech_to_text_async/{v2job}"},
        {"a v2 job asked on v3",
         "GET",
         "/v3/universal-ai/async/{v2job}",
         {},
         "",
         true,
         404,
         R"({"detail": "Job not found"})",
         "this job belongs to audio/speech_to_text_async (v2): GET "
         "/v2/audio/speech_to_text_async/{v2job}"},
        {"a v3 job asked on v2",
         "GET",
         "/v2/audio/speech_to_text_async/{v3job}",
         {},
         "",
         true,
         404,
         not_found,
         "this job belongs to audio/speech_to_text_async (v3): GET /v3/universal-ai/async/{v3job}"},
        {"an id that is not one",
         "GET",
         "/v2/audio/speech_to_text_async/job-1",
         {},
         "",
         true,
         404,
         not_found,
         "\"job-1\" is not a public_id: launches answer ids like "
         "\"3f2b8c1e-0a4d-4e6f-9b7a-1c2d3e4f5a6b\""},
        {"an id never launched",
         "GET",
         "/v2/audio/speech_to_text_async/00000000-0000-4000-8000-000000000000",
         {},
         "",
         true,
         404,
         not_found,
         "no job has this id on this edenmock: it was never launched here, was deleted, or has "
         "passed its retention"},
        {"a misspelt control route",
         "GET",
         "/_emulator/clok",
         {},
         "",
         false,
         404,
         not_found,
         "no such route; did you mean GET /_emulator/clock?"},
        {"forcing a job that is none",
         "POST",
         "/_emulator/jobs/00000000-0000-4000-8000-000000000000/force",
         as_json,
         R"({"status": "finished"})",
         false,
         404,
         R"({"error": {"type": "not_found", "message": "No job \"00000000-0000-4000-8000-000000000000\": it was never launched, or it was deleted, expired or reset."}})",
         "No job \"00000000-0000-4000-8000-000000000000\": it was never launched, or it was "
         "deleted, expired or reset."},
        {"redelivering a delivery that is none",
         "POST",
         "/_emulator/webhooks/d-1/redeliver",
         {},
         "",
         false,
         404,
         R"({"error": {"type": "not_found", "message": "No delivery \"d-1\" in the delivery journal: GET /_emulator/webhooks lists them (the oldest are dropped: --webhook-journal-size)."}})",
         "No delivery \"d-1\" in the delivery journal: GET /_emulator/webhooks lists them (the "
         "oldest are dropped: --webhook-journal-size)."},
        {"JSON sent as a form (curl -d)",
         "POST",
         "/v2/audio/speech_to_text_async",
         as_form,
         stt_launch,
         true,
         400,
         R"({"error": {"type": "Invalid request", "message": {"body": ["Form parse error: the urlencoded body is malformed."]}}})",
         "the body reads as JSON but was sent as application/x-www-form-urlencoded (curl -d "
         "sends that); add \"Content-Type: application/json\""},
        {"JSON with no Content-Type",
         "POST",
         "/v2/audio/speech_to_text_async",
         {},
         stt_launch,
         true,
         415,
         R"({"error": {"type": "unsupported_media_type", "message": "Unsupported media type none in request. Use application/json, multipart/form-data or application/x-www-form-urlencoded."}})",
         "the body has no Content-Type; add \"Content-Type: application/json\""},
        {"a provider name near a real one",
         "POST",
         "/v2/audio/speech_to_text_async",
         as_form,
         "providers=assemblyai&file_url=https://example.com/a.wav",
         true,
         400,
         R"({"error": {"type": "Invalid request", "message": {"providers": ["\"assemblyai\" is not a valid provider for audio/speech_to_text_async. Allowed providers: amazon, assembly, deepgram, faker, gladia, google, microsoft, oneai, openai, speechmatics, symbl, voci, voxist."]}}})",
         "provider \"assemblyai\": did you mean assembly?"},
        {"no Authorization header",
         "GET",
         "/v2/audio/speech_to_text_async",
         {},
         "",
         false,
         403,
         R"({"error": {"type": "authentication_error", "message": "Authentication credentials were not provided."}})",
         "no Authorization header; send the header \"Authorization: Bearer <API key>\" (any "
         "non-empty key works; each key is its own tenant)"},
        {"the key without Bearer",
         "GET",
         "/v2/audio/speech_to_text_async",
         {{"Authorization", "sk-secret"}},
         "",
         false,
         403,
         R"({"error": {"type": "authentication_error", "message": "Malformed Authorization header: expected \"Bearer <API key>\"."}})",
         "the Authorization header has no scheme; send the header \"Authorization: Bearer <API "
         "key>\""},
        {"a v3 subfeature misspelt",
         "POST",
         "/v3/universal-ai/async",
         as_json,
         R"({"model": "audio/speech_to_txt_async/google", "input": {}})",
         true,
         404,
         R"({"detail": {"error": "Subfeature not found", "message": "Subfeature 'audio/speech_to_txt_async' does not exist"}})",
         "did you mean audio/speech_to_text_async?"},
        {"a v3 provider misspelt",
         "POST",
         "/v3/universal-ai/async",
         as_json,
         R"({"model": "audio/speech_to_text_async/gogle", "input": {}})",
         true,
         404,
         R"({"detail": {"error": "Provider not found", "message": "Provider 'gogle' does not support audio/speech_to_text_async"}})",
         "did you mean google?"},
        {"a v3 feature misspelt in /v3/info",
         "GET",
         "/v3/info/audo",
         {},
         "",
         true,
         404,
         R"({"detail": "Feature 'audo' not found"})",
         "did you mean audio?"},
        {"a v3 subfeature misspelt in /v3/info",
         "GET",
         "/v3/info/audio/speech_to_text_asinc",
         {},
         "",
         true,
         404,
         R"({"detail": "Subfeature 'audio/speech_to_text_asinc' not found"})",
         "did you mean audio/speech_to_text_async?"},
        {"a v3 upload with PUT",
         "PUT",
         "/v3/upload",
         {},
         "",
         true,
         405,
         R"({"detail": "Method Not Allowed"})",
         "/v3/upload takes GET, POST, DELETE, not PUT"},
    };
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

// An emulator logging at info, with the newcomer's key, a v2 and a v3 job launched.
struct fixture {
    explicit fixture(emu::net::hint_mode hints = emu::net::hint_mode::on) {
        auto opts = test_emulator::default_options();
        opts.log_level = emu::log::level::info;
        opts.hints = hints;
        emulator.emplace(opts);
        client.emplace(emulator->port(), "newcomer");
        v2job = client->post_json("/v2/audio/speech_to_text_async", stt_launch)
                    .json()
                    .at("public_id")
                    .as_string()
                    .c_str();
        v3job = client
                    ->post_json("/v3/universal-ai/async",
                                R"({"model": "audio/speech_to_text_async/google",
                                    "input": {"file": "https://example.com/a.wav"}})")
                    .json()
                    .at("public_id")
                    .as_string()
                    .c_str();
    }

    // The text with the jobs' ids for their placeholders.
    std::string filled(std::string text) const {
        replace_all(text, "{v2job}", v2job);
        replace_all(text, "{v3job}", v3job);
        return text;
    }

    log_capture logs; // first, so it outlives the emulator's last line
    std::optional<test_emulator> emulator;
    std::optional<http_client> client;
    std::string v2job;
    std::string v3job;
};

// The message of the log line about this request's hint; "" when none came.
std::string hint_line(log_capture& logs, const std::string& method, const std::string& target) {
    const auto line = logs.wait_for("hint: " + method + " " + target + " answered");
    return line.empty() ? std::string{} : std::string{json::parse(line).at("msg").as_string()};
}

} // namespace

BOOST_AUTO_TEST_SUITE(near_miss)

BOOST_DATA_TEST_CASE(each_mistake_keeps_edens_answer_and_gets_a_hint,
                     boost::unit_test::data::make(mistakes()),
                     m) {
    fixture f;
    const auto target = f.filled(m.target);
    const auto res = f.client->request(m.method, target, m.body, m.headers, m.authorize);
    BOOST_TEST(res.status == m.status);
    BOOST_TEST(json::serialize(res.json()) == json::serialize(json::parse(m.eden_body)));
    const auto hint = f.filled(m.hint);
    BOOST_TEST(res.header("x-edenmock-hint") == hint);
    BOOST_TEST(hint_line(f.logs, m.method, target) == "hint: " + m.method + " " + target +
                                                          " answered " + std::to_string(m.status) +
                                                          ": " + hint);
}

BOOST_AUTO_TEST_CASE(a_polling_loop_on_a_wrong_url_logs_its_hint_once) {
    fixture f;
    for (int i = 0; i < 5; ++i) {
        BOOST_TEST(f.client->get("/v2/ocr/ocr_async/" + f.v2job).status == 404u);
    }
    BOOST_TEST(f.client->get("/v2/audio/speech_to_text").status == 404u);
    BOOST_TEST(!hint_line(f.logs, "GET", "/v2/audio/speech_to_text").empty());
    BOOST_TEST(f.logs.count("hint: GET /v2/ocr/ocr_async/") == 1u);
}

BOOST_AUTO_TEST_CASE(another_keys_job_is_told_apart_only_with_hints_on) {
    for (const auto& [mode, hint] :
         {std::pair{emu::net::hint_mode::on, "this job belongs to another API key"},
          std::pair{emu::net::hint_mode::own, "this API key has no job with this id"}}) {
        fixture f{mode};
        http_client other{f.emulator->port(), "someone-else"};
        const auto res = other.get("/v2/audio/speech_to_text_async/" + f.v2job);
        BOOST_TEST(res.status == 404u);
        BOOST_TEST(res.body == R"({"details":"Not Found"})");
        BOOST_TEST(res.header("x-edenmock-hint") == hint);
    }
}

BOOST_AUTO_TEST_CASE(hints_off_sends_and_logs_none) {
    fixture f{emu::net::hint_mode::off};
    const auto res = f.client->get("/v2/audio/speech_to_text");
    BOOST_TEST(res.status == 404u);
    BOOST_TEST(res.body == R"({"details":"Not Found"})");
    BOOST_TEST(res.header("x-edenmock-hint").empty());
    BOOST_TEST(f.client->get("/v2/ocr/ocr_async/" + f.v2job).header("x-edenmock-hint").empty());
    BOOST_TEST(f.logs.count("hint:") == 0u);
}

BOOST_AUTO_TEST_CASE(an_unknown_control_route_lists_the_control_routes) {
    fixture f;
    const auto res = f.client->request("GET", "/_emulator/zzz", {}, {}, false);
    BOOST_TEST(res.status == 404u);
    const auto hint = res.header("x-edenmock-hint");
    BOOST_TEST(
        hint.starts_with("no such route under /_emulator/; these exist: /_emulator/health, "));
    BOOST_TEST(hint.find("/_emulator/clock/advance") != std::string::npos);
    BOOST_TEST(hint.find("/v2/") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_401_challenges_for_a_bearer_token) {
    auto opts = test_emulator::default_options();
    opts.auth_failure_status = 401;
    test_emulator emulator{opts};
    http_client client{emulator.port()};
    const auto v2 = client.request("GET", "/v2/audio/speech_to_text_async", {}, {}, false);
    BOOST_TEST(v2.status == 401u);
    BOOST_TEST(v2.header("www-authenticate") == "Bearer"); // v3's: v3_requests
}

BOOST_AUTO_TEST_CASE(a_403_carries_no_challenge) {
    fixture f;
    const auto res = f.client->request("GET", "/v2/audio/speech_to_text_async", {}, {}, false);
    BOOST_TEST(res.status == 403u);
    BOOST_TEST(res.header("www-authenticate").empty());
}

BOOST_AUTO_TEST_SUITE_END()
