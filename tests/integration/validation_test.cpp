// Every launch validation rule: what each bad input gets (400 in Eden's format, all bad fields
// at once), and that the server keeps serving.
#include "server/features/feature_table.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/running_emulator.hpp"
#include "tests/integration/support/sample_files.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace {

using namespace emu::testing;
namespace json = boost::json;

// A running emulator and a client; `errors` launches and returns Eden's per-field messages.
// The shared fixture plus this suite's helpers.
struct validation_fixture : running_emulator {

    json::object errors(std::string_view path, std::string_view body) {
        const auto res = client.post_json("/v2/" + std::string{path}, body);
        BOOST_TEST_REQUIRE(res.status == 400u, res.body);
        const auto parsed = res.json();
        BOOST_TEST(parsed.at("error").at("type").as_string() == "Invalid request");
        return parsed.at("error").at("message").as_object();
    }

    void still_serving() {
        const auto res =
            client.post_json("/v2/audio/speech_to_text_async",
                             R"({"providers": "amazon", "file_url": "https://x.test/a.wav"})");
        BOOST_TEST(res.status == 200u);
    }
};

std::string first(const json::object& errors, std::string_view field) {
    const auto* list = errors.if_contains(field);
    if (list == nullptr || !list->is_array() || list->as_array().empty()) {
        return "<no error for " + std::string{field} + ">";
    }
    return std::string{list->as_array().front().as_string()};
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(launch_validation, validation_fixture)

BOOST_AUTO_TEST_CASE(missing_providers_is_required) {
    const auto e = errors("audio/speech_to_text_async", R"({"file_url": "https://x.test/a.wav"})");
    BOOST_TEST(first(e, "providers") == "This field is required.");
    BOOST_TEST(e.size() == 1u);
    still_serving();
}

BOOST_AUTO_TEST_CASE(blank_providers_is_rejected) {
    BOOST_TEST(first(errors("audio/speech_to_text_async",
                            R"({"providers": " , ", "file_url": "https://x.test/a.wav"})"),
                     "providers") == "This field may not be blank.");
    BOOST_TEST(first(errors("audio/speech_to_text_async",
                            R"({"providers": 5, "file_url": "https://x.test/a.wav"})"),
                     "providers") ==
               "Expected a comma-separated string or a list of provider names.");
}

BOOST_AUTO_TEST_CASE(unknown_provider_names_the_allowed_ones) {
    const auto e =
        errors("audio/text_to_speech_async", R"({"providers": "amazon,nope", "text": "hi"})");
    std::string allowed;
    for (const auto provider :
         emu::features::find_feature("audio/text_to_speech_async")->providers) {
        allowed += (allowed.empty() ? "" : ", ") + std::string{provider};
    }
    BOOST_TEST(first(e, "providers") ==
               "\"nope\" is not a valid provider for audio/text_to_speech_async. Allowed "
               "providers: " +
                   allowed + ".");
}

BOOST_AUTO_TEST_CASE(duplicate_provider_is_rejected) {
    BOOST_TEST(first(errors("audio/text_to_speech_async",
                            R"({"providers": "amazon,amazon/v2", "text": "hi"})"),
                     "providers") == "Provider \"amazon\" is listed more than once.");
}

BOOST_AUTO_TEST_CASE(required_feature_field_is_reported) {
    BOOST_TEST(first(errors("audio/text_to_speech_async", R"({"providers": "amazon"})"), "text") ==
               "This field is required.");
    BOOST_TEST(first(errors("audio/text_to_speech_async", R"({"providers": "amazon", "text": ""})"),
                     "text") == "This field may not be blank.");
    BOOST_TEST(first(errors("ocr/custom_document_parsing_async",
                            R"({"providers": "amazon", "file_url": "https://x.test/a.pdf"})"),
                     "queries") == "This field is required.");
}

BOOST_AUTO_TEST_CASE(missing_input_file_is_reported) {
    BOOST_TEST(first(errors("ocr/ocr_async", R"({"providers": "amazon"})"), "file") ==
               "Please provide either a file or a file_url.");
    BOOST_TEST(first(errors("ocr/ocr_async", R"({"providers": "amazon", "file_url": null})"),
                     "file") == "Please provide either a file or a file_url.");
}

BOOST_AUTO_TEST_CASE(bad_urls_are_rejected) {
    const auto e = errors(
        "ocr/ocr_async",
        R"({"providers": "amazon", "file_url": "not a url", "webhook_receiver": "ftp://x"})");
    BOOST_TEST(first(e, "file_url") == "Enter a valid URL.");
    BOOST_TEST(first(e, "webhook_receiver") == "Enter a valid URL.");
}

BOOST_AUTO_TEST_CASE(json_body_cannot_carry_a_file) {
    BOOST_TEST(first(errors("ocr/ocr_async", R"({"providers": "amazon", "file": "abc"})"), "file")
                   .starts_with("A JSON body cannot carry a file"));
}

BOOST_AUTO_TEST_CASE(types_and_ranges_follow_the_feature_table) {
    const auto e =
        errors("audio/text_to_speech_async",
               R"({"providers": "amazon", "text": "hi", "rate": 101, "pitch": "x", "volume": -101,
                              "sampling_rate": 200001, "option": "CHILD", "attributes_as_list": "maybe"})");
    BOOST_TEST(first(e, "rate") == "Ensure this value is less than or equal to 100.");
    BOOST_TEST(first(e, "pitch") == "A valid integer is required.");
    BOOST_TEST(first(e, "volume") == "Ensure this value is greater than or equal to -100.");
    BOOST_TEST(first(e, "sampling_rate") == "Ensure this value is less than or equal to 200000.");
    BOOST_TEST(first(e, "option") == "\"CHILD\" is not a valid choice.");
    BOOST_TEST(first(e, "attributes_as_list") == "Must be a valid boolean.");
    BOOST_TEST(e.size() == 6u); // every violation at once
}

BOOST_AUTO_TEST_CASE(numbers_and_lengths_are_checked) {
    const auto qa =
        errors("video/question_answer_async",
               R"({"providers": "google", "file_url": "https://x.test/a.mp4", "text": "q",
                               "temperature": 1.5, "max_tokens": 0})");
    BOOST_TEST(first(qa, "temperature") == "Ensure this value is less than or equal to 1.");
    BOOST_TEST(first(qa, "max_tokens") == "Ensure this value is greater than or equal to 1.");
    const std::string long_password(201, 'p');
    const auto ocr =
        errors("ocr/ocr_async",
               R"({"providers": "amazon", "file_url": "https://x.test/a.pdf", "file_password": ")" +
                   long_password + "\"}");
    BOOST_TEST(first(ocr, "file_password") == "Ensure this field has no more than 200 characters.");
    const auto automl = errors(
        "image/automl_classification/upload_data_async",
        R"({"providers": "nyckel", "project_id": "p", "label": "cat", "type_of_data": "OTHER",
                                   "file_url": "https://x.test/a.png"})");
    BOOST_TEST(first(automl, "type_of_data") == "\"OTHER\" is not a valid choice.");
}

BOOST_AUTO_TEST_CASE(null_is_allowed_only_for_nullable_fields) {
    client.post_json(
        "/v2/audio/speech_to_text_async",
        R"({"providers": "amazon", "file_url": "https://x.test/a.wav", "speakers": null})");
    const auto e = errors("video/generation_async",
                          R"({"providers": "amazon", "text": "x", "duration": null})");
    BOOST_TEST(first(e, "duration") == "This field may not be null.");
}

BOOST_AUTO_TEST_CASE(common_fields_are_checked) {
    const auto e =
        errors("audio/speech_to_text_async",
               R"({"providers": "amazon", "file_url": "https://x.test/a.wav", "settings": "{broken",
                              "show_original_response": "perhaps", "send_webhook_data": 3})");
    BOOST_TEST(first(e, "settings") == "Value must be valid JSON.");
    BOOST_TEST(first(e, "show_original_response") == "Must be a valid boolean.");
    BOOST_TEST(first(e, "send_webhook_data") == "Must be a valid boolean.");
}

BOOST_AUTO_TEST_CASE(form_strings_are_coerced_like_drf) {
    const auto res =
        client.post_form("/v2/audio/text_to_speech_async",
                         "providers=amazon&text=hi&rate=12.0&attributes_as_list=True&option=");
    BOOST_TEST(res.status == 200u, res.body);
}

BOOST_AUTO_TEST_CASE(file_extension_must_match_the_feature) {
    const auto res = client.post_multipart(
        "/v2/video/label_detection_async",
        {{"providers", "google", "", ""}, {"file", "hello", "notes.txt", "text/plain"}});
    BOOST_TEST_REQUIRE(res.status == 400u);
    BOOST_TEST(res.json().at("error").at("message").at("file").at(0).as_string() ==
               "File extension \"txt\" is not allowed. Allowed extensions are: mov, mp4, avi.");
    const auto empty =
        client.post_multipart("/v2/video/label_detection_async",
                              {{"providers", "google", "", ""}, {"file", "", "clip.MP4", ""}});
    BOOST_TEST(empty.json().at("error").at("message").at("file").at(0).as_string() ==
               "The submitted file is empty.");
    still_serving();
}

BOOST_AUTO_TEST_CASE(get_query_flags_are_validated) {
    const auto id = client
                        .post_json("/v2/audio/speech_to_text_async",
                                   R"({"providers": "amazon", "file_url": "https://x.test/a.wav"})")
                        .json()
                        .at("public_id");
    const auto res = client.get("/v2/audio/speech_to_text_async/" + std::string{id.as_string()} +
                                "?response_as_dict=sometimes");
    BOOST_TEST_REQUIRE(res.status == 400u);
    BOOST_TEST(res.json().at("error").at("message").at("response_as_dict").at(0).as_string() ==
               "Must be a valid boolean.");
}

BOOST_AUTO_TEST_SUITE_END()
