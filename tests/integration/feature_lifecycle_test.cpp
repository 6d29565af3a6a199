// Every one of the 20 features through the HTTP surface on a manual clock: launch, processing,
// advance, finished with results, list, delete, 404 after delete.
#include "server/features/feature_table.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/sample_files.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>

namespace {

using namespace emu::testing;
namespace json = boost::json;

// One feature as a client sees it: its path, what a launch needs, and the result fields Eden's
// schema requires of a finished provider. Its providers are the feature table's.
struct feature_case {
    std::string path;
    std::vector<form_part> inputs;
    std::vector<std::string> result_fields;
    bool deletable = true;
};

std::ostream& operator<<(std::ostream& out, const feature_case& c) {
    return out << c.path;
}

form_part file(std::string name, std::string bytes) {
    return form_part{"file", std::move(bytes), std::move(name), ""};
}

form_part field(std::string name, std::string value) {
    return form_part{std::move(name), std::move(value), "", ""};
}

std::vector<feature_case> all_cases() {
    const auto video = [](std::string sub, std::string field_name) {
        return feature_case{
            "video/" + sub, {file("clip.mp4", mp4_file())}, {std::move(field_name)}};
    };
    return {
        {"audio/speech_to_text_async",
         {file("audio.wav", wav_file(3000)), field("language", "en")},
         {"text", "diarization"}},
        {"audio/text_to_speech_async",
         {field("text", "Hello from the emulator."), field("language", "en")},
         {"audio", "voice_type", "audio_resource_url"}},
        {"image/automl_classification/predict_async",
         {field("project_id", "p-1"), file("photo.png", png_file())},
         {},
         false},
        {"image/automl_classification/train_async", {field("project_id", "p-1")}, {}, false},
        {"image/automl_classification/upload_data_async",
         {field("project_id", "p-1"),
          field("label", "cat"),
          field("type_of_data", "TRAINING"),
          file("photo.png", png_file())},
         {},
         false},
        {"ocr/anonymization_async",
         {file("contract.pdf", pdf_file(2))},
         {"document", "document_url"}},
        {"ocr/custom_document_parsing_async",
         {file("invoice.pdf", pdf_file(1)), field("queries", "What is the total?")},
         {"items"}},
        {"ocr/ocr_async",
         {file("letter.pdf", pdf_file(3))},
         {"raw_text", "pages", "number_of_pages"}},
        {"ocr/ocr_tables_async", {file("tables.pdf", pdf_file(2))}, {"pages", "num_pages"}},
        video("deepfake_detection_async", "prediction"),
        video("explicit_content_detection_async", "moderation"),
        video("face_detection_async", "faces"),
        {"video/generation_async",
         {field("text", "A cat surfing at sunset"), field("duration", "2")},
         {"video", "video_resource_url"}},
        video("label_detection_async", "labels"),
        video("logo_detection_async", "logos"),
        video("object_tracking_async", "objects"),
        video("person_tracking_async", "persons"),
        {"video/question_answer_async",
         {file("clip.mp4", mp4_file()), field("text", "What is the video about?")},
         {"answer", "finish_reason"}},
        video("shot_change_detection_async", "shotAnnotations"),
        video("text_detection_async", "texts"),
    };
}

// The feature table's providers of a feature, but faker, which moves when polled rather than
// with the clock (faker_test.cpp covers it).
std::vector<std::string> clock_driven_providers(const std::string& path) {
    const auto* spec = emu::features::find_feature(path);
    BOOST_REQUIRE_MESSAGE(spec != nullptr, path << " is not in the feature table");
    std::vector<std::string> providers;
    for (const auto provider : spec->providers) {
        if (provider != "faker") {
            providers.emplace_back(provider);
        }
    }
    return providers;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ",") + item;
    }
    return out;
}

// Advances the manual clock over HTTP.
void advance(http_client& client, std::string_view seconds) {
    const auto res =
        client.post_json("/_emulator/clock/advance", "{\"seconds\": " + std::string{seconds} + "}");
    BOOST_REQUIRE_EQUAL(res.status, 200u);
}

} // namespace

BOOST_AUTO_TEST_SUITE(feature_lifecycle)

BOOST_AUTO_TEST_CASE(there_is_a_case_for_each_of_the_twenty_features_of_the_table) {
    BOOST_TEST(emu::features::all_features().size() == 20u);
    BOOST_TEST(all_cases().size() == emu::features::all_features().size());
    for (const auto& feature : all_cases()) {
        BOOST_TEST(emu::features::find_feature(feature.path) != nullptr, feature.path);
    }
}

BOOST_DATA_TEST_CASE(job_goes_from_processing_to_finished_and_is_listed_and_deleted,
                     boost::unit_test::data::make(all_cases()),
                     feature) {
    test_emulator emulator;
    http_client client{emulator.port()};
    const std::string base = "/v2/" + feature.path;

    const auto providers = clock_driven_providers(feature.path);
    auto parts = feature.inputs;
    parts.push_back(field("providers", joined(providers)));
    const auto launched = client.post_multipart(base, parts);
    BOOST_TEST_REQUIRE(launched.status == 200u, launched.body);
    const auto launch_body = launched.json().as_object();
    BOOST_TEST(launch_body.size() == 1u);
    const std::string id{launch_body.at("public_id").as_string()};
    BOOST_TEST(id.size() == 36u);

    // Before the 2 s default delay: processing, with a stub per provider.
    auto polled = client.get(base + "/" + id);
    BOOST_TEST_REQUIRE(polled.status == 200u, polled.body);
    auto envelope = polled.json().as_object();
    BOOST_TEST(envelope.at("public_id").as_string() == id);
    BOOST_TEST(envelope.at("status").as_string() == "processing");
    BOOST_TEST(envelope.at("error").is_null());
    BOOST_TEST(envelope.at("results").as_object().size() == providers.size());
    for (const auto& provider : providers) {
        const auto& item = envelope.at("results").at(provider).as_object();
        BOOST_TEST(item.at("final_status").as_string() == "processing");
        BOOST_TEST(item.at("error").is_null());
        BOOST_TEST(item.at("id").as_string().size() == 36u);
    }
    advance(client, "1.999");
    BOOST_TEST(client.get(base + "/" + id + "/").json().at("status").as_string() == "processing");

    advance(client, "0.001");
    polled = client.get(base + "/" + id + "/");
    BOOST_TEST_REQUIRE(polled.status == 200u);
    envelope = polled.json().as_object();
    BOOST_TEST(envelope.at("status").as_string() == "finished");
    for (const auto& provider : providers) {
        BOOST_TEST_CONTEXT(provider) {
            const auto& item = envelope.at("results").at(provider).as_object();
            BOOST_TEST(item.at("final_status").as_string() == "finished");
            BOOST_TEST(item.at("error").is_null());
            BOOST_TEST(!item.contains("original_response"));
            BOOST_TEST(item.size() > 3u); // error, id, final_status and the feature's fields
            for (const auto& name : feature.result_fields) {
                BOOST_TEST(item.contains(name), name);
            }
        }
    }

    const auto listed = client.get(base);
    BOOST_TEST_REQUIRE(listed.status == 200u);
    const auto listed_body = listed.json();
    const auto& jobs = listed_body.at("jobs").as_array();
    BOOST_TEST_REQUIRE(jobs.size() == 1u);
    BOOST_TEST(jobs[0].at("public_id").as_string() == id);
    BOOST_TEST(jobs[0].at("state").as_string() == "finished");
    BOOST_TEST(jobs[0].at("nb").as_int64() == static_cast<std::int64_t>(providers.size()));
    BOOST_TEST(jobs[0].at("nb_ok").as_int64() == static_cast<std::int64_t>(providers.size()));
    BOOST_TEST(jobs[0].at("created_at").as_string() == "2026-01-01T00:00:00.000000");

    const auto deleted = client.del(base + "/");
    if (feature.deletable) {
        BOOST_TEST(deleted.status == 204u);
        BOOST_TEST(deleted.body.empty());
        BOOST_TEST(client.get(base + "/" + id).status == 404u);
        BOOST_TEST(client.get(base + "/" + id).json() == json::parse(R"({"details":"Not Found"})"));
        BOOST_TEST(client.get(base).json().at("jobs").as_array().empty());
    } else {
        // Eden's schema has no DELETE for the automl features.
        BOOST_TEST(deleted.status == 405u);
        BOOST_TEST(deleted.header("allow") == "GET, POST");
        BOOST_TEST(client.get(base + "/" + id).status == 200u);
    }
}

BOOST_AUTO_TEST_SUITE_END()
