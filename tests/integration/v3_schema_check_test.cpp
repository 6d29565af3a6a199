// The v3 response check the integration tests use (support/v3_schema_check.hpp): Eden's own
// example bodies (shared/reference/v3/API-NOTES-v3.md, cited by section) pass, and bodies that
// break Eden's v3 OpenAPI document fail with the path of what is wrong.
#include "tests/integration/support/v3_schema_check.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {

namespace json = boost::json;
using emu::testing::v3_schema_errors;

std::string joined(const std::vector<std::string>& errors) {
    std::string out;
    for (const auto& error : errors) {
        out += error + "\n";
    }
    return out;
}

// Checks that `body` is valid as `name`, printing every violation when it is not.
void expect_valid(std::string_view name, const json::value& body) {
    const auto errors = v3_schema_errors(name, body);
    BOOST_TEST_INFO(name << " has violations:\n" << joined(errors));
    BOOST_TEST(errors.empty());
}

// The violations of `body` as `name`, all in one text; checks that there is at least one.
std::string violations_of(std::string_view name, const json::value& body) {
    const auto errors = v3_schema_errors(name, body);
    BOOST_TEST_INFO(name << " passed but should not: " << json::serialize(body));
    BOOST_TEST(!errors.empty());
    BOOST_TEST_MESSAGE(joined(errors));
    return joined(errors);
}

// §2.2: the create response (SPEC-CUR's example, the only one Eden gives).
json::value created_job() {
    return json::parse(R"({"public_id": "abc123-def456", "status": "processing", "cost": "0.000",
        "provider": "google", "feature": "audio", "subfeature": "speech_to_text_async",
        "output": null, "error": null, "model": null, "created_at": "2025-01-01T00:00:00Z"})");
}

// §6 (the spec's UploadResponse example).
json::value uploaded_file() {
    return json::parse(R"({"file_id": "550e8400-e29b-41d4-a716-446655440000",
        "file_name": "invoice.pdf", "file_size": 1048576, "file_mimetype": "application/pdf",
        "purpose": "general", "metadata": {"page_count": 5},
        "created_at": "2025-12-08T10:30:00Z", "expires_at": "2026-01-07T10:30:00Z"})");
}

// §4: one job of the list, with the five paging keys.
json::value job_list() {
    return json::parse(R"({"items": [{"public_id": "550e8400-e29b-41d4-a716-446655440000",
        "status": "success", "feature": "ocr", "subfeature": "ocr_async", "provider": "amazon",
        "model": null, "created_at": "2026-04-21T12:00:00+00:00"}],
        "total": 1, "page": 1, "limit": 100, "total_pages": 1})");
}

} // namespace

BOOST_AUTO_TEST_SUITE(v3_schema_check)

BOOST_AUTO_TEST_CASE(edens_job_examples_validate) {
    expect_valid("job", created_job());
    // §3.1: the completed job of SPEC-CUR's GET description ("..." in its output left out).
    expect_valid("job", json::parse(R"({"public_id": "abc123-def456", "status": "success",
        "cost": "0.005", "provider": "google", "feature": "audio",
        "subfeature": "speech_to_text_async", "output": {"text": "Hello world"}, "error": null,
        "model": null, "created_at": "2025-01-01T00:00:00Z"})"));
    // §3.1: a failed job carries {"message"} (n8n tests), LLMSTXT adds an error_code.
    expect_valid("job", json::parse(R"({"public_id": "550e8400-e29b-41d4-a716-446655440000",
        "status": "fail", "cost": "0", "provider": "amazon", "feature": "ocr",
        "subfeature": "ocr_async", "output": null,
        "error": {"message": "Provider error details", "error_code": "PROVIDER_ERROR"},
        "model": "prebuilt", "created_at": "2026-04-21T12:00:00.123456+00:00"})"));
    expect_valid("job_list", job_list());
    // §2.3: FastAPI's default shape for a missing `input`.
    expect_valid("validation_error", json::parse(R"({"detail": [{"type": "missing",
        "loc": ["body", "input"], "msg": "Field required",
        "input": {"model": "ocr/ocr_async/amazon"}}]})"));
}

BOOST_AUTO_TEST_CASE(edens_file_examples_validate) {
    expect_valid("upload", uploaded_file());
    // §6: the example of v3/llms/file-upload.mdx.
    expect_valid("upload", json::parse(R"({"file_id": "550e8400-e29b-41d4-a716-446655440000",
        "file_name": "document.pdf", "file_size": 152340, "file_mimetype": "application/pdf",
        "purpose": "ocr-processing", "metadata": {}, "created_at": "2024-01-15T10:30:00Z",
        "expires_at": "2024-01-22T10:30:00Z"})"));
    const json::object list{{"items", json::array{uploaded_file()}},
                            {"total", 25},
                            {"page", 1},
                            {"limit", 100},
                            {"total_pages", 1}};
    expect_valid("file_list", list);
    expect_valid("files_deleted", json::parse(R"({"deleted_count": 5})"));
}

BOOST_AUTO_TEST_CASE(edens_info_examples_validate) {
    // §7's reconstructed subfeature detail, its field lists shortened.
    expect_valid("subfeature", json::parse(R"({"feature": "audio", "feature_fullname": "audio",
        "subfeature": "speech_to_text_async", "subfeature_fullname": "Speech To Text",
        "description": "Speech Recognition with or without diarization.", "mode": "async",
        "endpoints": {},
        "input_schema": {"fields": [{"name": "file", "type": "file_input", "required": true,
            "description": "Audio file ID from /v3/upload or direct file URL"}]},
        "output_schema": {"fields": [{"name": "text", "type": "string", "required": true,
            "description": ""}]},
        "models": [{"model": "audio/speech_to_text_async/amazon", "pricing": {"price": 0.024,
            "price_unit_quantity": 60, "price_unit_type": "second"}}]})"));
    // §7's FeatureInfo and SubfeatureInfo built from the same subfeature (Symfony's mock of
    // /v3/info has no fullname, which Eden's schema requires: added).
    const auto audio = json::parse(R"({"name": "audio", "fullname": "audio", "description": null,
        "subfeatures": [{"name": "speech_to_text_async", "fullname": "Speech To Text",
            "description": null, "mode": "async",
            "models": [{"model": "audio/speech_to_text_async/deepgram/nova-3",
                "pricing": {"price": 0.0052, "price_unit_quantity": 60,
                            "price_unit_type": "second"}}]},
            {"name": "tts", "fullname": "Text To Speech", "mode": "sync"}]})");
    expect_valid("feature", audio);
    expect_valid("features", json::object{{"features", json::array{audio}}});
}

BOOST_AUTO_TEST_CASE(a_status_eden_does_not_list_fails_on_the_status) {
    auto job = created_job();
    job.as_object()["status"] = "pending";
    BOOST_TEST(violations_of("job", job).find("<root>[status]: ") != std::string::npos);

    auto list = job_list();
    list.at("items").as_array()[0].as_object()["status"] = "done";
    BOOST_TEST(violations_of("job_list", list).find("<root>[items][0][status]: ") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_numeric_cost_fails_the_string_eden_specifies) {
    auto job = created_job();
    job.as_object()["cost"] = 0.005;
    BOOST_TEST(violations_of("job", job).find("<root>[cost]: ") != std::string::npos);
    job.as_object()["cost"] = "five cents";
    BOOST_TEST(violations_of("job", job).find("<root>[cost]: ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_missing_required_field_fails_naming_it) {
    auto job = created_job();
    job.as_object().erase("public_id");
    BOOST_TEST(violations_of("job", job).find("'public_id'") != std::string::npos);

    auto list = job_list();
    list.as_object().erase("total_pages");
    BOOST_TEST(violations_of("job_list", list).find("'total_pages'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(formats_are_checked_on_strings_and_other_values_fail_on_their_type) {
    auto file = uploaded_file();
    file.as_object()["file_id"] = "file-1";
    BOOST_TEST(violations_of("upload", file).find("<root>[file_id]: ") != std::string::npos);

    file = uploaded_file();
    file.as_object()["created_at"] = "2025-12-08 10:30:00";
    BOOST_TEST(violations_of("upload", file).find("<root>[created_at]: ") != std::string::npos);
    // valijson applies a format to any value and aborts on a non-empty object; the schema
    // guards the format with the type, so this is a violation.
    file.as_object()["created_at"] = json::object{{"seconds", 1}};
    BOOST_TEST(violations_of("upload", file).find("<root>[created_at]: ") != std::string::npos);
    file.as_object()["created_at"] = "2025-12-08T10:30:00Z";
    file.as_object()["expires_at"] = 30;
    BOOST_TEST(violations_of("upload", file).find("<root>[expires_at]: ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(other_bodies_and_unknown_names_fail) {
    violations_of("job_deleted", json::array{});
    violations_of("validation_error", json::parse(R"({"detail": "Not Found"})"));
    BOOST_TEST(violations_of("jobs", created_job()).find("known: ") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
