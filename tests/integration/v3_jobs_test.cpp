// Eden v3 async jobs through the HTTP surface on a manual clock: every model of every async
// subfeature of the catalog from upload to success, the job object's fields, fallbacks,
// failures, listing with filters and pages, deletion, retention and tenant isolation.
#include "server/features/v3_catalog.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/sample_files.hpp"
#include "tests/integration/support/test_emulator.hpp"
#include "tests/integration/support/v3_schema_check.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <regex>

namespace {

using namespace emu::testing;
namespace json = boost::json;
using emu::features::field_type;

// One model of the catalog, as a data-driven case.
struct model_case {
    std::string id; // "ocr/ocr_async/amazon"
    const emu::features::v3_subfeature* sub = nullptr;
};

std::ostream& operator<<(std::ostream& out, const model_case& c) {
    return out << c.id;
}

std::vector<model_case> all_models() {
    std::vector<model_case> cases;
    for (const auto& feature : emu::features::v3_catalog::shipped().features()) {
        for (const auto& sub : feature.subfeatures) {
            if (!sub.async) {
                continue;
            }
            for (const auto& model : sub.models) {
                cases.push_back({model.id, &sub});
            }
        }
    }
    return cases;
}

// A sample file a client of the subfeature would upload.
form_part sample_upload(const emu::features::v3_subfeature& sub) {
    if (sub.feature == "audio") {
        return {"file", wav_file(3000), "speech.wav", "audio/wav"};
    }
    if (sub.feature == "video") {
        return sub.name == "generation_async"
                   ? form_part{"file", png_file(), "frame.png", "image/png"}
                   : form_part{"file", mp4_file(), "clip.mp4", "video/mp4"};
    }
    return {"file", pdf_file(2), "invoice.pdf", "application/pdf"};
}

// A plausible value for a required input field that is not a file.
json::value sample_value(const emu::features::v3_field& field) {
    switch (field.type) {
    case field_type::integer:
        return field.minimum ? static_cast<std::int64_t>(*field.minimum) : 1;
    case field_type::number:
        return field.minimum ? *field.minimum : 1.0;
    case field_type::boolean:
        return true;
    case field_type::choice:
        return json::string{field.choices.front()};
    case field_type::array:
        return field.name == "urls" ? json::array{"https://example.com/a", "https://example.com/b"}
                                    : json::array{"word"};
    case field_type::object:
    case field_type::dict:
        return json::object{};
    default:
        break;
    }
    if (field.name == "url") {
        return "https://example.com/docs";
    }
    return "Summarise what example.com offers to developers.";
}

// The emulator and one client, with helpers for the v3 flow.
struct v3_fixture {
    test_emulator emulator;
    http_client client{emulator.port(), "v3-key"};

    // Uploads a file; returns its file_id.
    std::string upload(const form_part& file) {
        const auto res = client.post_multipart("/v3/upload", {file});
        BOOST_REQUIRE_EQUAL(res.status, 200u);
        check_v3_schema("upload", res.json());
        return std::string{res.json().at("file_id").as_string()};
    }

    // A create body for the model with every required input (files uploaded first).
    json::object body_for(const model_case& c) {
        json::object input;
        for (const auto& field : c.sub->input) {
            if (!field.required) {
                continue;
            }
            input[field.name] = field.type == field_type::file
                                    ? json::value(json::string{upload(sample_upload(*c.sub))})
                                    : sample_value(field);
        }
        return {{"model", c.id}, {"input", std::move(input)}};
    }

    json::value create(const json::object& body, unsigned expected = 202) {
        const auto res = client.post_json("/v3/universal-ai/async", json::serialize(body));
        BOOST_TEST_REQUIRE(res.status == expected, res.status << " " << res.body);
        check_v3_schema("job", res.json());
        return res.json();
    }

    json::value poll(std::string_view id, unsigned expected = 200) {
        const auto res = client.get("/v3/universal-ai/async/" + std::string{id});
        BOOST_TEST_REQUIRE(res.status == expected, res.status << " " << res.body);
        check_v3_schema("job", res.json());
        return res.json();
    }

    void advance(int seconds) {
        const auto res = client.post_json("/_emulator/clock/advance",
                                          "{\"seconds\": " + std::to_string(seconds) + "}");
        BOOST_REQUIRE_EQUAL(res.status, 200u);
    }

    void put_scenario(const std::string& name, const std::string& body) {
        const auto res = client.request("PUT", "/_emulator/scenarios/" + name, body);
        BOOST_TEST_REQUIRE(res.status / 100 == 2u, res.status << " " << res.body);
    }
};

const std::regex decimal{R"(^\d+\.\d{3,6}$)"};
const std::regex uuid{R"(^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$)"};
const std::regex utc_time{R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$)"};

} // namespace

BOOST_AUTO_TEST_SUITE(v3_jobs)

BOOST_DATA_TEST_CASE(every_model_runs_from_create_to_success,
                     boost::unit_test::data::make(all_models()),
                     c) {
    v3_fixture f;
    const auto created = f.create(f.body_for(c));
    const auto& job = created.as_object();
    const std::string id{job.at("public_id").as_string()};
    BOOST_TEST(std::regex_match(id, uuid));
    BOOST_TEST(job.at("status").as_string() == "processing");
    BOOST_TEST(job.at("cost").as_string() == "0.000");
    BOOST_TEST(job.at("output").is_null());
    BOOST_TEST(job.at("error").is_null());
    BOOST_TEST(job.at("feature").as_string() == c.sub->feature);
    BOOST_TEST(job.at("subfeature").as_string() == c.sub->name);
    BOOST_TEST(std::regex_match(std::string{job.at("created_at").as_string()}, utc_time));
    const auto& model = *std::find_if(
        c.sub->models.begin(), c.sub->models.end(), [&](const auto& m) { return m.id == c.id; });
    BOOST_TEST(job.at("provider").as_string() == model.provider);
    if (model.model.empty()) {
        BOOST_TEST(job.at("model").is_null());
    } else {
        BOOST_TEST(job.at("model").as_string() == model.model);
    }
    BOOST_TEST(f.poll(id).at("status").as_string() == "processing");

    f.advance(10);
    const auto done = f.poll(id);
    BOOST_TEST_REQUIRE(done.at("status").as_string() == "success", json::serialize(done));
    const std::string cost{done.at("cost").as_string()};
    BOOST_TEST(std::regex_match(cost, decimal), cost);
    BOOST_TEST((model.price == 0 || std::stod(cost) > 0), cost);
    BOOST_TEST(done.at("error").is_null());
    BOOST_TEST(!done.as_object().contains("original_response"));
    const auto& output = done.at("output").as_object();
    for (const auto& field : c.sub->output) {
        if (field.required) {
            BOOST_TEST(output.contains(field.name), c.id << " output lacks " << field.name);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_same_request_gives_the_same_job_and_output) {
    const auto run = [] {
        v3_fixture f;
        const auto id = f.create({{"model", "ocr/ocr_async/amazon"},
                                  {"input", {{"file", "https://example.com/scan.pdf"}}}})
                            .at("public_id");
        f.advance(10);
        return json::serialize(f.poll(id.as_string()));
    };
    BOOST_TEST(run() == run());
}

BOOST_AUTO_TEST_CASE(show_original_response_adds_the_providers_own_answer) {
    v3_fixture f;
    const auto id = f.create({{"model", "ocr/ocr_async/amazon"},
                              {"input", {{"file", "https://example.com/scan.pdf"}}},
                              {"show_original_response", true}})
                        .at("public_id");
    BOOST_TEST(!f.poll(id.as_string()).as_object().contains("original_response"));
    f.advance(10);
    BOOST_TEST(f.poll(id.as_string()).as_object().contains("original_response"));
}

BOOST_AUTO_TEST_CASE(a_failed_provider_is_http_200_with_status_fail_and_costs_nothing) {
    v3_fixture f;
    f.put_scenario("broken", R"({"timelines": {"*": [{"after": "1s", "status": "failed",
        "error": {"type": "ProviderException", "message": "provider exploded"}}]}})");
    const auto id =
        f.client
            .request("POST",
                     "/v3/universal-ai/async",
                     R"({"model": "ocr/ocr_async/amazon",
                                     "input": {"file": "https://example.com/a.pdf"}})",
                     {{"Content-Type", "application/json"}, {"X-Edenmock-Scenario", "broken"}})
            .json()
            .at("public_id");
    f.advance(2);
    const auto failed = f.poll(id.as_string());
    BOOST_TEST(failed.at("status").as_string() == "fail");
    BOOST_TEST(failed.at("error").at("message").as_string() == "provider exploded");
    BOOST_TEST(failed.at("output").is_null());
    BOOST_TEST(failed.at("cost").as_string() == "0.000");
}

BOOST_AUTO_TEST_CASE(a_fallback_serves_when_the_model_fails) {
    v3_fixture f;
    f.put_scenario("amazon-down", R"({"timelines": {
        "amazon": [{"after": "1s", "status": "failed",
                    "error": {"type": "ProviderException", "message": "amazon is down"}}],
        "*": [{"after": "3s"}]}})");
    const auto create = [&](const std::string& body) {
        return f.client
            .request("POST",
                     "/v3/universal-ai/async",
                     body,
                     {{"Content-Type", "application/json"}, {"X-Edenmock-Scenario", "amazon-down"}})
            .json()
            .at("public_id");
    };
    const auto id = create(R"({"model": "ocr/ocr_async/amazon",
        "input": {"file": "https://example.com/a.pdf"},
        "fallbacks": ["microsoft", "ocr/ocr_async/mistral"]})");
    f.advance(2);
    const auto waiting = f.poll(id.as_string());
    BOOST_TEST(waiting.at("status").as_string() == "processing");
    BOOST_TEST(waiting.at("provider").as_string() == "microsoft");
    f.advance(2);
    const auto served = f.poll(id.as_string());
    BOOST_TEST(served.at("status").as_string() == "success");
    BOOST_TEST(served.at("provider").as_string() == "microsoft");

    const auto alone = create(R"({"model": "ocr/ocr_async/amazon",
        "input": {"file": "https://example.com/a.pdf"}})");
    f.advance(2);
    BOOST_TEST(f.poll(alone.as_string()).at("status").as_string() == "fail");
}

BOOST_AUTO_TEST_CASE(the_list_is_the_callers_newest_first_filtered_and_paged) {
    v3_fixture f;
    std::vector<std::string> ids;
    for (const auto* model :
         {"ocr/ocr_async/amazon", "ocr/ocr_tables_async/amazon", "ocr/ocr_async/microsoft"}) {
        ids.emplace_back(
            f.create({{"model", model}, {"input", {{"file", "https://example.com/a.pdf"}}}})
                .at("public_id")
                .as_string());
    }
    http_client other{f.emulator.port(), "someone-else"};
    other.post_json(
        "/v3/universal-ai/async",
        R"({"model": "ocr/ocr_async/amazon", "input": {"file": "https://x.test/a.pdf"}})");

    const auto listed = f.client.get("/v3/universal-ai/async").json();
    check_v3_schema("job_list", listed);
    const auto& all = listed.as_object();
    BOOST_TEST(all.at("total").as_int64() == 3);
    BOOST_TEST(all.at("page").as_int64() == 1);
    BOOST_TEST(all.at("limit").as_int64() == 100);
    BOOST_TEST(all.at("total_pages").as_int64() == 1);
    const auto& items = all.at("items").as_array();
    BOOST_TEST_REQUIRE(items.size() == 3u);
    BOOST_TEST(items[0].at("public_id").as_string() == ids[2]);
    BOOST_TEST(items[2].at("public_id").as_string() == ids[0]);
    for (const auto* absent : {"output", "cost", "error"}) {
        BOOST_TEST(!items[0].as_object().contains(absent));
    }

    const auto tables = f.client.get("/v3/universal-ai/async?subfeature=ocr_tables_async").json();
    BOOST_TEST(tables.at("total").as_int64() == 1);
    BOOST_TEST(tables.at("items").at(0).at("public_id").as_string() == ids[1]);
    BOOST_TEST(f.client.get("/v3/universal-ai/async?feature=audio").json().at("total").as_int64() ==
               0);

    const auto second = f.client.get("/v3/universal-ai/async?page=2&limit=2").json();
    BOOST_TEST(second.at("items").as_array().size() == 1u);
    BOOST_TEST(second.at("total_pages").as_int64() == 2);
    BOOST_TEST(f.client.get("/v3/universal-ai/async?page=9").json().at("items").as_array().empty());

    f.advance(10);
    BOOST_TEST(
        f.client.get("/v3/universal-ai/async?status=success").json().at("total").as_int64() == 3);
    BOOST_TEST(
        f.client.get("/v3/universal-ai/async?status=processing").json().at("total").as_int64() ==
        0);
}

BOOST_AUTO_TEST_CASE(a_processing_job_cannot_be_deleted_an_ended_one_can) {
    v3_fixture f;
    const auto id = std::string{
        f.create({{"model", "ocr/ocr_async/amazon"}, {"input", {{"file", "https://e.test/a.pdf"}}}})
            .at("public_id")
            .as_string()};
    const auto busy = f.client.del("/v3/universal-ai/async/" + id);
    BOOST_TEST(busy.status == 409u);
    BOOST_TEST(busy.json().at("detail").is_string());
    http_client other{f.emulator.port(), "someone-else"};
    f.advance(10);
    BOOST_TEST(other.del("/v3/universal-ai/async/" + id).status == 404u);
    BOOST_TEST(other.get("/v3/universal-ai/async/" + id).json() ==
               json::parse(R"({"detail": "Job not found"})"));
    const auto gone = f.client.del("/v3/universal-ai/async/" + id);
    BOOST_TEST(gone.status == 200u);
    check_v3_schema("job_deleted", gone.json());
    BOOST_TEST(gone.json().at("public_id").as_string() == id);
    BOOST_TEST(f.client.get("/v3/universal-ai/async/" + id).status == 404u);
    BOOST_TEST(f.client.del("/v3/universal-ai/async/" + id).status == 404u);
}

BOOST_AUTO_TEST_CASE(ended_jobs_are_kept_seven_days_on_the_emulators_clock) {
    v3_fixture f;
    const auto id = std::string{
        f.create({{"model", "ocr/ocr_async/amazon"}, {"input", {{"file", "https://e.test/a.pdf"}}}})
            .at("public_id")
            .as_string()};
    f.advance(2); // ends at 2 s
    f.advance(7 * 24 * 3600 - 1);
    BOOST_TEST(f.poll(id).at("status").as_string() == "success");
    f.advance(1);
    BOOST_TEST(f.client.get("/v3/universal-ai/async/" + id).status == 404u);
}

BOOST_AUTO_TEST_CASE(v2_and_v3_jobs_do_not_see_each_other) {
    v3_fixture f;
    const auto v3_id = std::string{
        f.create({{"model", "ocr/ocr_async/amazon"}, {"input", {{"file", "https://e.test/a.pdf"}}}})
            .at("public_id")
            .as_string()};
    BOOST_TEST(f.client.get("/v2/ocr/ocr_async/" + v3_id).status == 404u);
    BOOST_TEST(f.client.get("/v2/ocr/ocr_async").json().at("jobs").as_array().empty());
    const auto v2 =
        f.client.post_form("/v2/ocr/ocr_async", "providers=amazon&file_url=https://e.test/a.pdf");
    const auto v2_id = std::string{v2.json().at("public_id").as_string()};
    BOOST_TEST(f.client.get("/v3/universal-ai/async/" + v2_id).status == 404u);
    BOOST_TEST(f.client.get("/v3/universal-ai/async").json().at("total").as_int64() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
