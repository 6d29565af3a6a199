// Every generated result, wrapped into a provider item the way the server renders a finished
// provider (server/wire/job_envelope.cpp), must validate against Eden AI's provider item
// schemas: tests/schemas/provider_items.schema.json, written by scripts/extract_eden_schemas.py
// from Eden's OpenAPI document with Eden's known schema defects patched
// (docs/schema-deviations.md).

#include "fake_providers/generation.hpp"
#include "fake_providers/registry.hpp"
#include "server/features/feature_table.hpp"
#include "server/wire/json_writer.hpp"
#include "tests/unit/fake_providers/v3_features.hpp"
#include "tests/unit/shared/json_schema_validator.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace json = boost::json;
using emu::fake::generated_result;
using emu::fake::generation_request;
using emu::fake::input_file;
using emu::fake::launch_params;
using emu::features::feature_spec;
using emu::features::input_need;
using emu::testing::json_schema_validator;
using emu::testing::read_json_file;

const std::filesystem::path schemas_dir{EDENMOCK_SCHEMAS_DIR};

// The shipped schema document, parsed once. An item is validated as {"<feature>": item}: the
// document's "properties" maps each feature path to its item schema, and rejects other keys.
class item_schemas {
public:
    item_schemas()
        : document_(read_json_file(schemas_dir / "provider_items.schema.json"))
        , validator_(document_) {}

    bool knows(std::string_view feature) const {
        return document_.at("properties").as_object().contains(feature);
    }

    // Each violation as "<JSON path>: <description>"; empty when the item is valid.
    std::vector<std::string> violations(std::string_view feature, const json::value& item) const {
        return validator_.violations(json::object{{feature, item}});
    }

private:
    json::value document_;
    json_schema_validator validator_;
};

const item_schemas& schemas() {
    static const item_schemas instance;
    return instance;
}

const emu::fake::registry& generators() {
    static const emu::fake::registry instance = emu::fake::make_default_registry();
    return instance;
}

// A finished provider's item as the server renders it: error, id, final_status, the feature
// fields (the media field emptied when show_base_64 is false), then original_response when
// asked; read back from the server's JSON text, as a client sees it.
json::value provider_item(const generated_result& result, bool original_response, bool base_64) {
    json::object item;
    item["error"] = nullptr;
    item["id"] = "6f1c2b9e-3d4a-4f5b-8c7d-0e1f2a3b4c5d";
    item["final_status"] = "finished";
    for (const auto& field : result.fields) {
        if (!base_64 && field.key() == result.media_field) {
            item[field.key()] = "";
        } else {
            item[field.key()] = field.value();
        }
    }
    if (original_response) {
        item["original_response"] = result.original_response;
    }
    return json::parse(emu::json_text::compact(item));
}

struct file_variant {
    std::string name;
    std::optional<input_file> file;
};

struct params_variant {
    std::string name;
    launch_params params;
};

input_file uploaded(std::string name, std::string content_type, std::uint64_t size) {
    input_file f;
    f.name = std::move(name);
    f.content_type = std::move(content_type);
    f.size = size;
    return f;
}

input_file from_url(std::string name) {
    input_file f;
    f.name = std::move(name);
    f.from_url = true;
    return f;
}

input_file audio(std::string name, std::uint32_t duration_ms, std::uint16_t channels) {
    auto f = uploaded(std::move(name), "audio/wav", std::uint64_t{duration_ms} * 32U);
    f.duration_ms = duration_ms;
    f.sample_rate = 16000;
    f.channels = channels;
    return f;
}

input_file image(std::string name, std::uint32_t width, std::uint32_t height) {
    auto f = uploaded(std::move(name), "image/png", 20480);
    f.width = width;
    f.height = height;
    return f;
}

input_file video(std::string name, std::uint32_t duration_ms, std::uint32_t width) {
    auto f = uploaded(std::move(name), "video/mp4", std::uint64_t{duration_ms} * 250U);
    f.duration_ms = duration_ms;
    f.width = width;
    f.height = width * 9 / 16;
    return f;
}

input_file pdf(std::uint32_t pages) {
    auto f = uploaded("quarterly_sales-report.pdf", "application/pdf", 48213);
    f.page_count = pages;
    return f;
}

// The inputs a feature is run on: probed uploads, files whose metadata could not be probed, a
// file_url, and no file where the feature allows it.
std::vector<file_variant> file_variants(const feature_spec& feature) {
    const std::string_view path = feature.path;
    std::vector<file_variant> out;
    if (feature.input == input_need::none) {
        return {{"no file", std::nullopt}};
    }
    if (path.starts_with("audio/")) {
        out = {{"uploaded wav, 12 s mono", audio("meeting.wav", 12'000, 1)},
               {"uploaded wav, 75 s stereo", audio("interview.wav", 75'000, 2)},
               {"uploaded mp3 without probed duration", uploaded("call.mp3", "", 300'000)},
               {"file_url", from_url("podcast.mp3")}};
    } else if (path.starts_with("image/")) {
        out = {{"uploaded png 640x480", image("dog_03.png", 640, 480)},
               {"uploaded jpg without probed size", uploaded("IMG_0042.jpg", "image/jpeg", 9000)},
               {"file_url", from_url("cat.jpg")}};
    } else if (path.starts_with("ocr/")) {
        out = {{"uploaded pdf, 1 page", pdf(1)},
               {"uploaded pdf, 5 pages", pdf(5)},
               {"uploaded png", image("scanned receipt.png", 1240, 1754)},
               {"file_url", from_url("contract.pdf")}};
    } else if (path == "video/generation_async") {
        out = {{"uploaded png", image("first_frame.png", 1280, 720)},
               {"file_url", from_url("frame.jpg")}};
    } else {
        out = {{"uploaded mp4, 30 s 1280x720", video("match.mp4", 30'000, 1280)},
               {"uploaded mov, 3 s 640x360", video("clip.mov", 3'000, 640)},
               {"uploaded avi without probed duration", uploaded("old.avi", "", 1'000'000)},
               {"file_url", from_url("talk.mp4")}};
    }
    if (feature.input == input_need::optional) {
        out.push_back({"no file", std::nullopt});
    }
    return out;
}

launch_params params_of(std::initializer_list<std::pair<std::string, std::string>> entries) {
    launch_params params;
    for (const auto& [name, value] : entries) {
        params.set(name, value);
    }
    return params;
}

// Parameter sets per feature, as the validator normalizes them (integers in decimal, booleans
// as "true"/"false").
std::vector<params_variant> params_variants(const feature_spec& feature) {
    const std::string_view path = feature.path;
    if (path == "audio/speech_to_text_async") {
        return {{"defaults", {}},
                {"1 speaker, en", params_of({{"speakers", "1"}, {"language", "en"}})},
                {"5 speakers, fr, profanity filter, vocabulary",
                 params_of({{"speakers", "5"},
                            {"language", "fr"},
                            {"profanity_filter", "true"},
                            {"custom_vocabulary", "Eden, edenmock"}})},
                {"v3 vocabulary array", params_of({{"vocabulary", R"(["Eden AI","edenmock"])"}})}};
    }
    if (path == "audio/text_to_speech_async") {
        return {{"short en text", params_of({{"text", "Hello world."}, {"language", "en"}})},
                {"long fr text, male, rate, pitch, volume, 22050 Hz",
                 params_of({{"text",
                             "Bonjour à tous. Ceci est un test plus long, avec plusieurs "
                             "phrases, pour voir ce que donne la synthèse vocale."},
                            {"language", "fr"},
                            {"option", "MALE"},
                            {"rate", "40"},
                            {"pitch", "-10"},
                            {"volume", "20"},
                            {"sampling_rate", "22050"}})},
                {"female, no language", params_of({{"text", "Hi."}, {"option", "FEMALE"}})}};
    }
    if (path == "image/automl_classification/upload_data_async") {
        return {
            {"training label",
             params_of(
                 {{"project_id", "function_abc"}, {"label", "Cat"}, {"type_of_data", "TRAINING"}})},
            {"test label",
             params_of({{"project_id", "function_xyz"},
                        {"label", "Golden retriever"},
                        {"type_of_data", "TEST"}})}};
    }
    if (path.starts_with("image/")) {
        return {{"project", params_of({{"project_id", "function_abc"}})}};
    }
    if (path == "ocr/custom_document_parsing_async") {
        return {{"comma-separated queries",
                 params_of({{"queries", "What is the total?, Who is the vendor?"}})},
                {"JSON queries with pages",
                 params_of({{"queries",
                             R"([{"query":"Invoice number?","pages":"1-2"},)"
                             R"({"query":"Due date?","pages":"3"}])"},
                            {"convert_to_pdf", "true"}})}};
    }
    if (path == "ocr/ocr_tables_async") {
        return {{"defaults", {}}, {"language fr", params_of({{"language", "fr"}})}};
    }
    if (path.starts_with("ocr/")) {
        return {{"defaults", {}}, {"file password", params_of({{"file_password", "secret"}})}};
    }
    if (path == "video/generation_async") {
        return {{"text only", params_of({{"text", "A red fox running through snow"}})},
                {"text, 12 s, 30 fps, 1920x1080, seed 7",
                 params_of({{"text", "Timelapse of a city at night"},
                            {"duration", "12"},
                            {"fps", "30"},
                            {"dimension", "1920x1080"},
                            {"seed", "7"}})}};
    }
    if (path == "video/question_answer_async") {
        return {
            {"question", params_of({{"text", "What happens in this video?"}})},
            {"question, temperature 0.9, 20 tokens",
             params_of(
                 {{"text", "Who speaks first?"}, {"temperature", "0.9"}, {"max_tokens", "20"}})}};
    }
    return {{"defaults", {}}};
}

// Generates every provider's result of every feature for every input variant and validates
// it as the server renders it; returns how many items were validated.
std::size_t validate_every_item(std::span<const feature_spec> features,
                                const emu::fake::registry& registry) {
    std::size_t validated = 0;
    for (const auto& feature : features) {
        for (const auto provider : feature.providers) {
            const auto generator = registry.find(feature.path, provider);
            BOOST_TEST_CONTEXT(feature.path << " / " << provider) {
                BOOST_TEST_REQUIRE(generator != nullptr);
            }
            for (const auto& file : file_variants(feature)) {
                for (const auto& params : params_variants(feature)) {
                    for (const bool original : {false, true}) {
                        const generation_request request{
                            .feature = feature.path,
                            .provider = provider,
                            .model = "",
                            .job_id = "0b7e6c1a-5f43-4d2e-9a8b-1c2d3e4f5a6b",
                            .seed = 42,
                            .params = params.params,
                            .file = file.file ? &*file.file : nullptr,
                            .resource_url_base =
                                "http://127.0.0.1:8080/_emulator/files/job/provider",
                            .original_response = original,
                        };
                        const auto result = generator(request);
                        // show_base_64 false only matters where there is a media field.
                        std::vector<bool> base_64_options{true};
                        if (!result.media_field.empty()) {
                            base_64_options.push_back(false);
                        }
                        for (const bool base_64 : base_64_options) {
                            BOOST_TEST_CONTEXT(
                                feature.path << " / " << provider << " / " << file.name << " / "
                                             << params.name << " / show_original_response "
                                             << (original ? "true" : "false") << " / show_base_64 "
                                             << (base_64 ? "true" : "false")) {
                                const auto item = provider_item(result, original, base_64);
                                for (const auto& violation :
                                     schemas().violations(feature.path, item)) {
                                    BOOST_ERROR(violation);
                                }
                            }
                            ++validated;
                        }
                    }
                }
            }
        }
    }
    return validated;
}

std::string feature_of_sample(const std::filesystem::path& file) {
    // "video__face_detection_async__google.json" -> "video/face_detection_async"
    const std::string stem = file.stem().string();
    const auto first = stem.find("__");
    const auto second = stem.find("__", first + 2);
    return stem.substr(0, first) + "/" + stem.substr(first + 2, second - first - 2);
}

} // namespace

BOOST_AUTO_TEST_SUITE(eden_schema_validation)

BOOST_AUTO_TEST_CASE(the_schema_file_describes_every_feature_of_the_feature_table) {
    const auto features = emu::features::all_features();
    BOOST_TEST(features.size() == 20U);
    for (const auto& feature : features) {
        BOOST_TEST_CONTEXT(feature.path) {
            BOOST_TEST(schemas().knows(feature.path));
        }
    }
}

BOOST_AUTO_TEST_CASE(every_generated_result_of_every_provider_matches_edens_item_schema) {
    const auto validated = validate_every_item(emu::features::all_features(), generators());
    BOOST_TEST_MESSAGE("validated " << validated << " provider items");
    BOOST_TEST(validated > 500U);
}

// The v3 output is Eden's v2 standardized item, so the providers only v3 offers (and v3's
// inputs, such as the vocabulary array) are held to the same schemas. The web subfeatures have
// no v2 item schema: v3_catalog_test holds them to the catalog's output fields.
BOOST_AUTO_TEST_CASE(the_v3_catalogs_providers_match_edens_item_schema_too) {
    std::vector<emu::features::feature_spec> with_v2_schema;
    for (const auto& spec : emu::testing::v3_feature_specs()) {
        if (schemas().knows(spec.path)) {
            with_v2_schema.push_back(spec);
        }
    }
    const auto validated = validate_every_item(with_v2_schema, emu::testing::v3_generators());
    BOOST_TEST_MESSAGE("validated " << validated << " v3 provider items");
    BOOST_TEST(validated > 300U);
}

BOOST_AUTO_TEST_CASE(edens_own_provider_samples_match_the_patched_schema) {
    std::size_t validated = 0;
    for (const auto& entry : std::filesystem::directory_iterator{schemas_dir / "eden-samples"}) {
        if (entry.path().extension() != ".json") {
            continue;
        }
        const std::string feature = feature_of_sample(entry.path());
        BOOST_TEST_CONTEXT(entry.path().filename().string() << " as " << feature) {
            BOOST_TEST_REQUIRE(schemas().knows(feature));
            const auto sample = read_json_file(entry.path());
            json::object item{{"error", nullptr}, {"id", "sample"}, {"final_status", "finished"}};
            for (const auto& field : sample.at("standardized_response").as_object()) {
                item[field.key()] = field.value();
            }
            for (const auto& violation : schemas().violations(feature, item)) {
                BOOST_ERROR(violation);
            }
        }
        ++validated;
    }
    BOOST_TEST(validated >= 13U);
}

BOOST_AUTO_TEST_CASE(a_wrong_item_fails_with_the_json_path_of_each_violation) {
    const launch_params params = params_of({{"speakers", "2"}});
    const auto file = audio("meeting.wav", 12'000, 1);
    const generation_request request{.feature = "audio/speech_to_text_async",
                                     .provider = "amazon",
                                     .model = "",
                                     .job_id = "job-1",
                                     .seed = 42,
                                     .params = params,
                                     .file = &file,
                                     .resource_url_base = "http://127.0.0.1:8080",
                                     .original_response = false};
    auto item =
        provider_item(generators().find(request.feature, request.provider)(request), false, true);
    BOOST_TEST_REQUIRE(schemas().violations(request.feature, item).empty());

    auto& fields = item.as_object();
    fields["final_status"] = "done";
    fields.erase("text");
    auto& entries = fields["diarization"].as_object()["entries"].as_array();
    BOOST_TEST_REQUIRE(!entries.empty());
    entries[0].as_object()["confidence"] = "high";
    const auto violations = schemas().violations(request.feature, item);
    std::string all;
    for (const auto& violation : violations) {
        all += violation + "\n";
    }
    BOOST_TEST_INFO(all);
    BOOST_TEST(all.find("[audio/speech_to_text_async][final_status]") != std::string::npos);
    BOOST_TEST(all.find("text") != std::string::npos);
    BOOST_TEST(all.find("[diarization][entries][0][confidence]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(integers_where_eden_has_floats_and_unknown_features_fail) {
    // A float where Eden's schema keeps an integer (the page count) fails under strong types.
    json::object ocr{{"error", nullptr},
                     {"id", "x"},
                     {"final_status", "finished"},
                     {"raw_text", ""},
                     {"number_of_pages", 1.0}};
    BOOST_TEST(!schemas().violations("ocr/ocr_async", ocr).empty());
    ocr["number_of_pages"] = 1;
    BOOST_TEST(schemas().violations("ocr/ocr_async", ocr).empty());

    // edenmock's own automl item schemas forbid fields they do not list.
    json::object predict{{"error", nullptr},
                         {"id", "x"},
                         {"final_status", "finished"},
                         {"label", "Cat"},
                         {"confidence", 0.9}};
    BOOST_TEST(schemas().violations("image/automl_classification/predict_async", predict).empty());
    predict["score"] = 0.9;
    BOOST_TEST(!schemas().violations("image/automl_classification/predict_async", predict).empty());

    BOOST_TEST(!schemas().violations("ocr/no_such_feature_async", ocr).empty());
}

BOOST_AUTO_TEST_SUITE_END()
