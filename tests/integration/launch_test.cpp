// Launch encodings, provider forms and the GET options, over HTTP on a manual clock.
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/running_emulator.hpp"
#include "tests/integration/support/sample_files.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

namespace {

using namespace emu::testing;
namespace json = boost::json;

constexpr std::string_view stt = "/v2/audio/speech_to_text_async";

std::string launch_id(const http_result& res) {
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    return std::string{res.json().at("public_id").as_string()};
}

// A running emulator, a client, and a helper to move its manual clock.
// The shared fixture plus this suite's helpers.
struct launch_fixture : running_emulator {

    json::value
    finished(std::string_view base, const std::string& id, std::string_view query = "") {
        advance(2);
        const auto res = client.get(std::string{base} + "/" + id + std::string{query});
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
        return res.json();
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(launch, launch_fixture)

BOOST_AUTO_TEST_CASE(json_launch_with_file_url_finishes) {
    const auto id = launch_id(client.post_json(
        stt,
        R"({"providers": "gladia,microsoft", "language": "en", "speakers": 2, "profanity_filter": false,
            "custom_vocabulary": "", "file_url": "http://edenai-resource-example.com/a.mp3"})"));
    const auto body = finished(stt, id);
    BOOST_TEST(body.at("status").as_string() == "finished");
    BOOST_TEST(body.at("results").as_object().contains("gladia"));
    BOOST_TEST(body.at("results").as_object().contains("microsoft"));
}

BOOST_AUTO_TEST_CASE(urlencoded_launch_finishes) {
    const auto id =
        launch_id(client.post_form("/v2/audio/text_to_speech_async",
                                   "providers=amazon&language=en&text=Hello+there%21&rate=10"));
    const auto body = finished("/v2/audio/text_to_speech_async", id);
    BOOST_TEST(body.at("results").at("amazon").at("final_status").as_string() == "finished");
}

BOOST_AUTO_TEST_CASE(providers_accept_every_documented_form) {
    for (const auto* providers : {R"("amazon, google")",
                                  R"(["amazon", "google"])",
                                  R"("['amazon', 'google']")",
                                  R"("amazon/model-a,google")"}) {
        BOOST_TEST_CONTEXT(providers) {
            const auto id = launch_id(client.post_json(
                stt,
                std::string{R"({"file_url": "https://x.test/a.wav", "providers": )"} + providers +
                    "}"));
            const auto listed = client.get(stt).json().at("jobs").as_array();
            BOOST_TEST(listed.back().at("public_id").as_string() == id);
            BOOST_TEST(listed.back().at("providers").as_string() == "['amazon', 'google']");
        }
    }
}

BOOST_AUTO_TEST_CASE(repeated_multipart_providers_fields_make_a_list) {
    const auto id =
        launch_id(client.post_multipart(stt,
                                        {{"providers", "amazon", "", ""},
                                         {"providers", "deepgram", "", ""},
                                         {"file", wav_file(1000), "a.wav", "audio/wav"}}));
    const auto body = finished(stt, id);
    BOOST_TEST(body.at("results").as_object().size() == 2u);
}

BOOST_AUTO_TEST_CASE(unknown_fields_and_fallback_providers_are_ignored) {
    const auto res = client.post_json(
        stt,
        R"({"providers": "amazon", "file_url": "https://x.test/a.wav", "fallback_providers": "google",
                 "response_as_dict": true, "attributes_as_list": false, "whatever": [1, 2]})");
    launch_id(res);
}

BOOST_AUTO_TEST_CASE(response_as_dict_false_gives_a_list_with_provider_names) {
    const auto id = launch_id(client.post_json(
        stt, R"({"providers": "amazon,google", "file_url": "https://x.test/a.wav"})"));
    const auto body = finished(stt, id, "?response_as_dict=false");
    const auto& results = body.at("results").as_array();
    BOOST_TEST_REQUIRE(results.size() == 2u);
    BOOST_TEST(results[0].at("provider").as_string() == "amazon");
    BOOST_TEST(results[1].at("provider").as_string() == "google");
    BOOST_TEST(results[0].as_object().begin()->key() == "provider");
}

BOOST_AUTO_TEST_CASE(original_response_appears_only_when_asked) {
    const auto id = launch_id(
        client.post_json(stt, R"({"providers": "amazon", "file_url": "https://x.test/a.wav"})"));
    auto body = finished(stt, id);
    BOOST_TEST(!body.at("results").at("amazon").as_object().contains("original_response"));
    body = client.get(std::string{stt} + "/" + id + "?show_original_response=true").json();
    BOOST_TEST(body.at("results").at("amazon").as_object().contains("original_response"));

    const auto at_launch = launch_id(client.post_json(
        stt,
        R"({"providers": "amazon", "file_url": "https://x.test/a.wav", "show_original_response": true})"));
    BOOST_TEST(finished(stt, at_launch)
                   .at("results")
                   .at("amazon")
                   .as_object()
                   .contains("original_response"));
}

BOOST_AUTO_TEST_CASE(show_base_64_false_empties_media_but_keeps_its_url) {
    const std::string tts = "/v2/audio/text_to_speech_async";
    const auto id = launch_id(client.post_json(tts, R"({"providers": "amazon", "text": "Hello"})"));
    auto item = finished(tts, id).at("results").at("amazon");
    BOOST_TEST(!item.at("audio").as_string().empty());
    item = client.get(tts + "/" + id + "?show_base_64=false").json().at("results").at("amazon");
    BOOST_TEST(item.at("audio").as_string().empty());
    BOOST_TEST(!item.at("audio_resource_url").as_string().empty());
}

BOOST_AUTO_TEST_CASE(media_url_serves_the_decoded_file) {
    const std::string tts = "/v2/audio/text_to_speech_async";
    const auto id =
        launch_id(client.post_json(tts, R"({"providers": "amazon", "text": "Hello world"})"));
    const auto item = finished(tts, id).at("results").at("amazon");
    const std::string url{item.at("audio_resource_url").as_string()};
    const std::string origin = "http://127.0.0.1:" + std::to_string(emulator.port());
    BOOST_TEST_REQUIRE(url.starts_with(origin + "/_emulator/files/" + id + "/amazon/"));
    const auto file = client.get(url.substr(origin.size()));
    BOOST_TEST_REQUIRE(file.status == 200u);
    BOOST_TEST(file.body.substr(0, 4) == "RIFF");
    BOOST_TEST(client.get("/_emulator/files/" + id + "/amazon/other.wav").status == 404u);
    BOOST_TEST(client.get("/_emulator/files/" + id + "/lovoai/audio.wav").status == 404u);
}

BOOST_AUTO_TEST_CASE(same_seed_gives_the_same_ids_and_results) {
    test_emulator other;
    http_client other_client{other.port()};
    const std::string body = R"({"providers": "amazon", "file_url": "https://x.test/a.wav"})";
    const auto id = launch_id(client.post_json(stt, body));
    const auto other_id = launch_id(other_client.post_json(stt, body));
    BOOST_TEST(id == other_id);
    advance(2);
    other_client.post_json("/_emulator/clock/advance", R"({"seconds": 2})");
    BOOST_TEST(client.get(std::string{stt} + "/" + id).body ==
               other_client.get(std::string{stt} + "/" + id).body);
}

BOOST_AUTO_TEST_CASE(list_is_oldest_first_and_per_feature) {
    const auto first = launch_id(
        client.post_json(stt, R"({"providers": "amazon", "file_url": "https://x.test/a.wav"})"));
    advance(0.5);
    const auto second = launch_id(
        client.post_json(stt, R"({"providers": "amazon", "file_url": "https://x.test/b.wav"})"));
    launch_id(client.post_json("/v2/audio/text_to_speech_async",
                               R"({"providers": "amazon", "text": "x"})"));
    advance(1.6);
    const auto jobs = client.get(stt).json().at("jobs").as_array();
    BOOST_TEST_REQUIRE(jobs.size() == 2u);
    BOOST_TEST(jobs[0].at("public_id").as_string() == first);
    BOOST_TEST(jobs[0].at("state").as_string() == "finished");
    BOOST_TEST(jobs[1].at("public_id").as_string() == second);
    BOOST_TEST(jobs[1].at("state").as_string() == "processing");
    BOOST_TEST(jobs[1].at("created_at").as_string() == "2026-01-01T00:00:00.500000");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(scenario_outcomes)

BOOST_AUTO_TEST_CASE(one_failing_provider_leaves_the_job_finished_and_all_failing_fails_it) {
    const auto path = std::filesystem::temp_directory_path() / "edenmock-one-fails.json";
    {
        std::ofstream out{path};
        out << R"({
            // google fails after 3 s, everyone else finishes after 1 s
            "name": "default",
            "timelines": {
                "*": [{"after": "1s", "status": "finished"}],
                "google": [{"after": "3s", "status": "failed",
                            "error": {"message": "Provider returned an empty response"}}],
            },
        })";
    }
    auto opts = test_emulator::default_options();
    opts.scenarios = path.string();
    test_emulator emulator{opts};
    http_client client{emulator.port()};
    const auto mixed = launch_id(client.post_json(
        stt, R"({"providers": "amazon,google", "file_url": "https://x.test/a.wav"})"));
    const auto only_google = launch_id(
        client.post_json(stt, R"({"providers": "google", "file_url": "https://x.test/a.wav"})"));
    client.post_json("/_emulator/clock/advance", R"({"ms": 1000})");
    BOOST_TEST(client.get(std::string{stt} + "/" + mixed).json().at("status").as_string() ==
               "processing");
    client.post_json("/_emulator/clock/advance", R"({"ms": 2000})");
    const auto body = client.get(std::string{stt} + "/" + mixed).json();
    BOOST_TEST(body.at("status").as_string() == "finished");
    BOOST_TEST(body.at("results").at("google").at("final_status").as_string() == "failed");
    BOOST_TEST(
        body.at("results").at("google").at("error") ==
        json::parse(
            R"({"type": "ProviderException", "message": "Provider returned an empty response"})"));
    const auto failed = client.get(std::string{stt} + "/" + only_google).json();
    BOOST_TEST(failed.at("status").as_string() == "failed");
    BOOST_TEST(failed.at("error").as_string() == "Provider returned an empty response");
    const auto jobs = client.get(stt).json().at("jobs").as_array();
    BOOST_TEST(jobs[0].at("nb_ok").as_int64() == 1);
    BOOST_TEST(jobs[1].at("state").as_string() == "failed");
    std::filesystem::remove(path);
}

BOOST_AUTO_TEST_SUITE_END()
