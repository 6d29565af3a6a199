// What every bad v3 request gets (README "v3: Eden's contradictions, and edenmock's choices"),
// and the upload and discovery routes.
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/sample_files.hpp"
#include "tests/integration/support/test_emulator.hpp"
#include "tests/integration/support/v3_schema_check.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>

namespace {

using namespace emu::testing;
namespace json = boost::json;

// A create body and the answer it gets: status and the exact body.
struct bad_create {
    std::string what;
    std::string body;
    unsigned status;
    std::string answer;
};

std::ostream& operator<<(std::ostream& out, const bad_create& c) {
    return out << c.what;
}

const std::string url_file = R"({"file": "https://example.com/a.pdf"})";

std::vector<bad_create> bad_creates() {
    return {
        {"not JSON",
         "{",
         422,
         R"({"detail": [{"type": "json_invalid", "loc": ["body", 0], "msg": "JSON decode error", "input": {}}]})"},
        {"not an object",
         "[1]",
         422,
         R"({"detail": [{"type": "model_attributes_type", "loc": ["body"], "msg": "Input should be a valid dictionary or object to extract fields from", "input": [1]}]})"},
        {"no model, no input",
         "{}",
         422,
         R"({"detail": [{"type": "missing", "loc": ["body", "model"], "msg": "Field required", "input": {}},
                        {"type": "missing", "loc": ["body", "input"], "msg": "Field required", "input": {}}]})"},
        {"model not a string",
         R"({"model": 5, "input": {}})",
         422,
         R"({"detail": [{"type": "string_type", "loc": ["body", "model"], "msg": "Input should be a valid string", "input": 5}]})"},
        {"input not an object",
         R"({"model": "ocr/ocr_async/amazon", "input": "x"})",
         422,
         R"({"detail": [{"type": "dict_type", "loc": ["body", "input"], "msg": "Input should be a valid dictionary", "input": "x"}]})"},
        {"four fallbacks",
         R"({"model": "ocr/ocr_async/amazon", "input": {}, "fallbacks": ["a", "b", "c", "d"]})",
         422,
         R"({"detail": [{"type": "too_long", "loc": ["body", "fallbacks"], "msg": "List should have at most 3 items after validation, not 4", "input": ["a", "b", "c", "d"]}]})"},
        {"fallback not a string",
         R"({"model": "ocr/ocr_async/amazon", "input": {}, "fallbacks": [1]})",
         422,
         R"({"detail": [{"type": "string_type", "loc": ["body", "fallbacks", 0], "msg": "Input should be a valid string", "input": 1}]})"},
        {"show_original_response not a boolean",
         R"({"model": "ocr/ocr_async/amazon", "input": {}, "show_original_response": "maybe"})",
         422,
         R"({"detail": [{"type": "bool_parsing", "loc": ["body", "show_original_response"], "msg": "Input should be a valid boolean, unable to interpret input", "input": "maybe"}]})"},
        {"webhook_receiver not a URL",
         R"({"model": "ocr/ocr_async/amazon", "input": {}, "webhook_receiver": "hook"})",
         422,
         R"({"detail": [{"type": "url_parsing", "loc": ["body", "webhook_receiver"], "msg": "Input should be a valid URL, relative URL without a base", "input": "hook"}]})"},
        {"provider_params not an object",
         R"({"model": "ocr/ocr_async/amazon", "input": {}, "provider_params": []})",
         422,
         R"({"detail": [{"type": "dict_type", "loc": ["body", "provider_params"], "msg": "Input should be a valid dictionary", "input": []}]})"},
        {"model string with two segments",
         R"({"model": "ocr/ocr_async", "input": {}})",
         400,
         R"({"detail": {"error": "Invalid provider format", "message": "Expected 'feature/subfeature/provider[/model]'", "received": "ocr/ocr_async"}})"},
        {"model string with an empty segment",
         R"({"model": "ocr//amazon", "input": {}})",
         400,
         R"({"detail": {"error": "Invalid provider format", "message": "Expected 'feature/subfeature/provider[/model]'", "received": "ocr//amazon"}})"},
        {"unknown subfeature",
         R"({"model": "ocr/nope_async/amazon", "input": {}})",
         404,
         R"({"detail": {"error": "Subfeature not found", "message": "Subfeature 'ocr/nope_async' does not exist"}})"},
        {"sync subfeature",
         R"({"model": "ocr/ocr/amazon", "input": {}})",
         400,
         R"({"detail": {"error": "Invalid subfeature", "message": "'ocr/ocr' is a synchronous subfeature: call POST /v3/universal-ai, or use an *_async subfeature here"}})"},
        {"unknown provider",
         R"({"model": "ocr/ocr_async/nope", "input": {}})",
         404,
         R"({"detail": {"error": "Provider not found", "message": "Provider 'nope' does not support ocr/ocr_async"}})"},
        {"unknown model",
         R"({"model": "ocr/ocr_async/amazon/textract-9", "input": {}})",
         404,
         R"({"detail": {"error": "Model not found", "message": "Model 'textract-9' is not available for provider 'amazon' on ocr/ocr_async"}})"},
        {"fallback of another subfeature",
         R"({"model": "ocr/ocr_async/amazon", "input": {}, "fallbacks": ["ocr/ocr_tables_async/google"]})",
         400,
         R"({"detail": {"error": "Invalid fallback", "message": "Fallback 'ocr/ocr_tables_async/google' must serve ocr/ocr_async, as the model does"}})"},
        {"unknown fallback provider",
         R"({"model": "ocr/ocr_async/amazon", "input": {}, "fallbacks": ["nope"]})",
         404,
         R"({"detail": {"error": "Provider not found", "message": "Provider 'nope' does not support ocr/ocr_async"}})"},
        {"missing file",
         R"({"model": "ocr/ocr_async/amazon", "input": {}})",
         422,
         R"({"detail": "Validation error", "errors": [{"field": "file", "message": "Field required"}]})"},
        {"file neither id nor URL",
         R"({"model": "ocr/ocr_async/amazon", "input": {"file": "scan.pdf"}})",
         422,
         R"({"detail": "Validation error", "errors": [{"field": "file", "message": "Input should be a file id from /v3/upload or an http(s) URL"}]})"},
        {"unknown file id",
         R"({"model": "ocr/ocr_async/amazon", "input": {"file": "00000000-0000-4000-8000-000000000000"}})",
         422,
         R"({"detail": "Validation error", "errors": [{"field": "file", "message": "File '00000000-0000-4000-8000-000000000000' not found"}]})"},
        {"every bad input field at once",
         R"({"model": "audio/speech_to_text_async/amazon", "input": {"speakers": "two", "profanity_filter": 1, "vocabulary": "x"}})",
         422,
         R"({"detail": "Validation error", "errors": [{"field": "file", "message": "Field required"},
             {"field": "speakers", "message": "Input should be a valid integer"},
             {"field": "profanity_filter", "message": "Input should be a valid boolean"},
             {"field": "vocabulary", "message": "Input should be a valid list"}]})"},
    };
}

std::string compact(const std::string& text) {
    return json::serialize(json::parse(text));
}

struct fixture {
    test_emulator emulator;
    http_client client{emulator.port(), "v3-key"};
};

} // namespace

BOOST_AUTO_TEST_SUITE(v3_requests)

BOOST_DATA_TEST_CASE(each_bad_create_gets_edens_error,
                     boost::unit_test::data::make(bad_creates()),
                     c) {
    fixture f;
    const auto res = f.client.post_json("/v3/universal-ai/async", c.body);
    BOOST_TEST(res.status == c.status);
    BOOST_TEST(json::serialize(res.json()) == compact(c.answer));
    if (res.status == 422u && res.json().at("detail").is_array()) {
        check_v3_schema("validation_error", res.json());
    }
    BOOST_TEST(f.client.get("/v3/universal-ai/async").json().at("total").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(unknown_keys_such_as_tags_are_ignored) {
    fixture f;
    const auto res = f.client.post_json(
        "/v3/universal-ai/async",
        R"({"model": "ocr/ocr_async/amazon", "input": {"file": "https://e.test/a.pdf", "extra": 1},
            "tags": {"demo": "news-to-video"}, "provider_params": {"quality": "720p"}})");
    BOOST_TEST(res.status == 202u);
}

BOOST_AUTO_TEST_CASE(credentials_are_checked_after_the_route_as_fastapi_does) {
    fixture f;
    const auto missing = f.client.request("GET", "/v3/universal-ai/async", {}, {}, false);
    BOOST_TEST(missing.status == 403u);
    BOOST_TEST(missing.body == R"({"detail":"Not authenticated"})");
    const auto malformed =
        f.client.request("GET", "/v3/upload", {}, {{"Authorization", "Token abc"}}, false);
    BOOST_TEST(malformed.status == 403u);
    BOOST_TEST(malformed.body == R"({"detail":"Invalid authentication credentials"})");
    const auto unknown = f.client.request("GET", "/v3/nothing/here", {}, {}, false);
    BOOST_TEST(unknown.status == 404u);
    BOOST_TEST(unknown.body == R"({"detail":"Not Found"})");
    const auto wrong_method = f.client.request("PUT", "/v3/upload", {}, {}, false);
    BOOST_TEST(wrong_method.status == 405u);
    BOOST_TEST(wrong_method.header("allow") == "GET, POST, DELETE");
    BOOST_TEST(wrong_method.body == R"({"detail":"Method Not Allowed"})");
}

BOOST_AUTO_TEST_CASE(only_accepted_keys_pass_when_keys_are_configured) {
    auto opts = test_emulator::default_options();
    opts.api_keys = {"good"};
    test_emulator emulator{opts};
    http_client client{emulator.port(), "bad"};
    const auto res = client.get("/v3/universal-ai/async");
    BOOST_TEST(res.status == 401u);
    BOOST_TEST(res.body == R"({"detail":"Invalid token"})");
    BOOST_TEST(res.header("www-authenticate") == "Bearer");
    BOOST_TEST(res.header("x-edenmock-hint") ==
               "this key is not one of the 1 given by --api-key; send one of them as "
               "\"Authorization: Bearer <API key>\"");
}

BOOST_AUTO_TEST_CASE(job_ids_and_paging_are_checked) {
    fixture f;
    const auto not_uuid = f.client.get("/v3/universal-ai/async/job-a");
    BOOST_TEST(not_uuid.status == 422u);
    BOOST_TEST(not_uuid.json().at("detail").at(0).at("type").as_string() == "uuid_parsing");
    BOOST_TEST(f.client.get("/v3/universal-ai/async/00000000-0000-4000-8000-000000000000").body ==
               R"({"detail":"Job not found"})");
    for (const auto* query : {"page=0", "limit=0", "limit=1001", "page=x", "limit=1.5"}) {
        const auto res = f.client.get(std::string{"/v3/universal-ai/async?"} + query);
        BOOST_TEST(res.status == 422u, query);
        BOOST_TEST(res.json().at("detail").at(0).at("loc").at(0).as_string() == "query", query);
    }
    BOOST_TEST(f.client.get("/v3/universal-ai/async?limit=1000&page=3").status == 200u);
    BOOST_TEST(
        f.client
            .get(
                "/v3/universal-ai/async/00000000-0000-4000-8000-000000000000?output_format=compact")
            .status == 404u);
}

BOOST_AUTO_TEST_CASE(uploads_are_probed_listed_newest_first_and_deleted) {
    fixture f;
    const auto pdf =
        f.client.post_multipart("/v3/upload",
                                {{"file", pdf_file(5), "report.pdf", "application/octet-stream"},
                                 {"purpose", "ocr", "", ""},
                                 {"expires_in_days", "1", "", ""}});
    BOOST_TEST_REQUIRE(pdf.status == 200u);
    check_v3_schema("upload", pdf.json());
    const auto uploaded = pdf.json().as_object();
    BOOST_TEST(uploaded.at("file_name").as_string() == "report.pdf");
    BOOST_TEST(uploaded.at("file_mimetype").as_string() == "application/pdf");
    BOOST_TEST(uploaded.at("file_size").as_int64() ==
               static_cast<std::int64_t>(pdf_file(5).size()));
    BOOST_TEST(uploaded.at("purpose").as_string() == "ocr");
    BOOST_TEST(uploaded.at("metadata").at("page_count").as_int64() == 5);
    BOOST_TEST(uploaded.at("created_at").as_string() == "2026-01-01T00:00:00.000000Z");
    BOOST_TEST(uploaded.at("expires_at").as_string() == "2026-01-02T00:00:00.000000Z");

    const auto wav = f.client.post_multipart("/v3/upload", {{"file", wav_file(1000), "q.wav", ""}});
    BOOST_TEST(wav.json().at("purpose").as_string() == "general");
    BOOST_TEST(wav.json().at("file_mimetype").as_string() == "audio/wav");
    BOOST_TEST(wav.json().at("expires_at").as_string() == "2026-01-31T00:00:00.000000Z");

    const auto list = f.client.get("/v3/upload").json();
    check_v3_schema("file_list", list);
    BOOST_TEST(list.at("total").as_int64() == 2);
    BOOST_TEST(list.at("items").at(0).at("file_name").as_string() == "q.wav");
    BOOST_TEST(f.client.get("/v3/upload?purpose=ocr").json().at("total").as_int64() == 1);
    BOOST_TEST(f.client.get("/v3/upload?limit=1&page=2")
                   .json()
                   .at("items")
                   .at(0)
                   .at("file_name")
                   .as_string() == "report.pdf");

    http_client other{f.emulator.port(), "someone-else"};
    BOOST_TEST(other.get("/v3/upload").json().at("total").as_int64() == 0);
    const auto pdf_id = std::string{uploaded.at("file_id").as_string()};
    const auto foreign = other.post_json(
        "/v3/universal-ai/async",
        R"({"model": "ocr/ocr_async/amazon", "input": {"file": ")" + pdf_id + R"("}})");
    BOOST_TEST(foreign.status == 422u);
    BOOST_TEST(foreign.json().at("errors").at(0).at("message").as_string() ==
               "File '" + pdf_id + "' not found");
    BOOST_TEST(
        other.post_json("/v3/upload/delete", R"({"file_ids": [")" + pdf_id + R"("]})").body ==
        R"({"deleted_count":0})");

    f.client.post_json("/_emulator/clock/advance", R"({"seconds": 86400})");
    BOOST_TEST(f.client.get("/v3/upload").json().at("total").as_int64() == 1);
    const auto expired = f.client.post_json(
        "/v3/universal-ai/async",
        R"({"model": "ocr/ocr_async/amazon", "input": {"file": ")" + pdf_id + R"("}})");
    BOOST_TEST(expired.json().at("errors").at(0).at("message").as_string() ==
               "File '" + pdf_id + "' has expired");

    const auto wav_id = std::string{wav.json().at("file_id").as_string()};
    BOOST_TEST(
        f.client.post_json("/v3/upload/delete", R"({"file_ids": [")" + wav_id + R"("]})").body ==
        R"({"deleted_count":1})");
    f.client.post_multipart("/v3/upload", {{"file", png_file(), "a.png", "image/png"}});
    const auto cleared = f.client.del("/v3/upload");
    BOOST_TEST(cleared.body == R"({"deleted_count":1})");
    check_v3_schema("files_deleted", cleared.json());
    BOOST_TEST(f.client.get("/v3/upload").json().at("total").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(bad_uploads_get_fastapi_errors) {
    fixture f;
    const auto loc_of = [](const http_result& res) {
        return json::serialize(res.json().at("detail").at(0).at("loc"));
    };
    const auto no_file = f.client.post_multipart("/v3/upload", {{"purpose", "ocr", "", ""}});
    BOOST_TEST(no_file.status == 422u);
    BOOST_TEST(loc_of(no_file) == R"(["body","file"])");
    const auto as_json = f.client.post_json("/v3/upload", "{}");
    BOOST_TEST(as_json.status == 422u);
    BOOST_TEST(loc_of(as_json) == R"(["body","file"])");
    for (const auto* days : {"0", "31", "soon"}) {
        const auto res = f.client.post_multipart(
            "/v3/upload", {{"file", "x", "a.txt", ""}, {"expires_in_days", days, "", ""}});
        BOOST_TEST(res.status == 422u, days);
        BOOST_TEST(loc_of(res) == R"(["body","expires_in_days"])", days);
    }
    const auto long_purpose = f.client.post_multipart(
        "/v3/upload", {{"file", "x", "a.txt", ""}, {"purpose", std::string(51, 'p'), "", ""}});
    BOOST_TEST(long_purpose.json().at("detail").at(0).at("type").as_string() == "string_too_long");
    for (const auto* body : {R"({"file_ids": []})", R"({})", R"({"file_ids": ["x"]})", "[]"}) {
        BOOST_TEST(f.client.post_json("/v3/upload/delete", body).status == 422u, body);
    }
    std::string hundred_and_one = R"({"file_ids": [)";
    for (int i = 0; i < 101; ++i) {
        hundred_and_one +=
            std::string{i == 0 ? "" : ","} + R"("00000000-0000-4000-8000-000000000000")";
    }
    BOOST_TEST(f.client.post_json("/v3/upload/delete", hundred_and_one + "]}")
                   .json()
                   .at("detail")
                   .at(0)
                   .at("type")
                   .as_string() == "too_long");
}

BOOST_AUTO_TEST_CASE(discovery_needs_no_key_and_lists_the_catalog) {
    fixture f;
    const auto info = f.client.request("GET", "/v3/info", {}, {}, false);
    BOOST_TEST_REQUIRE(info.status == 200u);
    check_v3_schema("features", info.json());
    bool found_stt = false;
    const auto listed = info.json();
    for (const auto& feature : listed.at("features").as_array()) {
        for (const auto& sub : feature.at("subfeatures").as_array()) {
            found_stt = found_stt || sub.at("name").as_string() == "speech_to_text_async";
            BOOST_TEST(
                (sub.at("mode").as_string() == "async" || sub.at("mode").as_string() == "sync"));
        }
    }
    BOOST_TEST(found_stt);
    const auto audio = f.client.request("GET", "/v3/info/audio", {}, {}, false).json();
    BOOST_TEST(audio.at("name").as_string() == "audio");
    check_v3_schema("feature", audio);
    const auto stt =
        f.client.request("GET", "/v3/info/audio/speech_to_text_async", {}, {}, false).json();
    BOOST_TEST(stt.at("mode").as_string() == "async");
    check_v3_schema("subfeature", stt);
    BOOST_TEST(stt.at("input_schema").at("fields").at(0).at("name").as_string() == "file");
    BOOST_TEST(
        stt.at("models").at(0).at("model").as_string().starts_with("audio/speech_to_text_async/"));
    const auto schema =
        f.client
            .request("GET", "/v3/info/audio/speech_to_text_async?format=json_schema", {}, {}, false)
            .json();
    BOOST_TEST(schema.at("input_schema").at("type").as_string() == "object");
    check_v3_schema("subfeature", schema);
    BOOST_TEST(schema.at("input_schema").at("required").at(0).as_string() == "file");

    BOOST_TEST(f.client.request("GET", "/v3/info/nope", {}, {}, false).body ==
               R"({"detail":"Feature 'nope' not found"})");
    BOOST_TEST(f.client.request("GET", "/v3/info/audio/nope", {}, {}, false).status == 404u);
    const auto bad_format =
        f.client.request("GET", "/v3/info/audio/speech_to_text_async?format=xml", {}, {}, false);
    BOOST_TEST(bad_format.status == 422u);
    BOOST_TEST(bad_format.json().at("detail").at(0).at("msg").as_string() ==
               "Input should be 'simplified' or 'json_schema'");
}

BOOST_AUTO_TEST_SUITE_END()
