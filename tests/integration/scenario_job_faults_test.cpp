// Job faults from scenarios: job-level failure, result expiry and partial results, over HTTP
// on the manual clock.
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/running_emulator.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

namespace {

using namespace emu::testing;
namespace json = boost::json;

constexpr std::string_view stt = "/v2/audio/speech_to_text_async";

// The shared fixture plus this suite's helpers.
struct job_faults_fixture : running_emulator {

    // The list endpoint's row of job `id`, or null when the job is not listed.
    json::value listed(const std::string& id) {
        const auto res = client.get(stt);
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
        const auto body = res.json(); // kept: the loop walks into it
        for (const auto& row : body.at("jobs").as_array()) {
            if (row.at("public_id").as_string() == id) {
                return row;
            }
        }
        return nullptr;
    }
};

std::string text_at(const json::value& body, std::string_view provider, std::string_view key) {
    return std::string{body.at("results").at(provider).at(key).as_string()};
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(scenario_job_faults, job_faults_fixture)

BOOST_AUTO_TEST_CASE(a_job_failure_fails_the_whole_job_at_its_time) {
    const auto id = launch_with(R"({
        "timelines": {"amazon": [{"after": "5s"}], "*": [{"after": "1h"}]},
        "job_failure": {"after": "30s", "message": "Job timed out", "list_state": "Timeout error",
                        "provider_error": {"type": "JobTimeout", "message": "gave up"}}})");
    advance(29.999);
    auto body = get_job(id);
    BOOST_TEST(body.at("status").as_string() == "processing");
    BOOST_TEST(listed(id).at("state").as_string() == "processing");
    advance(0.001);
    body = get_job(id);
    BOOST_TEST(body.at("status").as_string() == "failed");
    BOOST_TEST(body.at("error").as_string() == "Job timed out");
    // A provider that finished keeps its result; one still processing shows the failure.
    BOOST_TEST(text_at(body, "amazon", "final_status") == "finished");
    BOOST_TEST(!text_at(body, "amazon", "text").empty());
    BOOST_TEST(text_at(body, "google", "final_status") == "failed");
    BOOST_TEST(body.at("results").at("google").at("error") ==
               json::parse(R"({"type": "JobTimeout", "message": "gave up"})"));
    const auto row = listed(id);
    BOOST_TEST(row.at("state").as_string() == "Timeout error");
    BOOST_TEST(row.at("nb_ok").as_int64() == 1);
    advance(7200); // google's own timeline no longer applies
    BOOST_TEST(text_at(get_job(id), "google", "final_status") == "failed");
}

BOOST_AUTO_TEST_CASE(a_job_failure_can_wait_for_polls_and_defaults_to_timeout_error) {
    const auto id = launch_with(R"({"timelines": {"*": [{"after": "1h"}]},
                                    "job_failure": {"after_polls": 3}})");
    BOOST_TEST(get_job(id).at("status").as_string() == "processing");
    BOOST_TEST(get_job(id).at("status").as_string() == "processing");
    const auto body = get_job(id);
    BOOST_TEST(body.at("status").as_string() == "failed");
    BOOST_TEST(body.at("error").as_string() == "Timeout error");
    BOOST_TEST(body.at("results").at("amazon").at("error") ==
               json::parse(R"({"type": "ProviderException", "message": "Timeout error"})"));
    BOOST_TEST(listed(id).at("state").as_string() == "failed");
}

BOOST_AUTO_TEST_CASE(a_job_that_ended_before_its_failure_time_stays_as_it_ended) {
    const auto id = launch_with(R"({"timelines": {"*": [{"after": "2s"}]},
                                    "job_failure": {"after": "10s"}})");
    advance(10);
    const auto body = get_job(id);
    BOOST_TEST(body.at("status").as_string() == "finished");
    BOOST_TEST(body.at("error").is_null());
}

BOOST_AUTO_TEST_CASE(forcing_a_failed_job_replaces_its_job_failure) {
    const auto id = launch_with(R"({"timelines": {"*": [{"after": "1h"}]},
                                    "job_failure": {"after": "1s"}})");
    advance(1);
    BOOST_TEST(get_job(id).at("status").as_string() == "failed");
    const auto res =
        client.post_json("/_emulator/jobs/" + id + "/force", R"({"status": "finished"})");
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    BOOST_TEST(get_job(id).at("status").as_string() == "finished");
}

BOOST_AUTO_TEST_CASE(results_expire_after_the_job_ends) {
    const auto id = launch_with(R"({"timelines": {"amazon": [{"after": "2s"}],
                                                  "*": [{"after": "10s"}]},
                                    "expire_after": "1h"})");
    advance(10);
    BOOST_TEST(get_job(id).at("status").as_string() == "finished");
    advance(3599.999); // counted from the end (10 s), not from launch
    BOOST_TEST(get_job(id).at("status").as_string() == "finished");
    BOOST_TEST(!listed(id).is_null());
    advance(0.001);
    const auto gone = client.get(std::string{stt} + "/" + id);
    BOOST_TEST(gone.status == 404u);
    BOOST_TEST(gone.body == R"({"details":"Not Found"})");
    BOOST_TEST(listed(id).is_null());
}

BOOST_AUTO_TEST_CASE(a_failed_job_expires_too_and_a_processing_one_never) {
    const auto failed = launch_with(R"({"timelines": {"*": [{"after": "1s", "status": "failed"}]},
                                        "expire_after": "5s"})");
    const auto stuck =
        launch_with(R"({"timelines": {"*": [{"after": "0s", "status": "processing"}]},
                                       "expire_after": "5s"})");
    advance(6);
    BOOST_TEST(client.get(std::string{stt} + "/" + failed).status == 404u);
    BOOST_TEST(client.get(std::string{stt} + "/" + stuck).status == 200u);
}

BOOST_AUTO_TEST_CASE(a_partial_step_shows_part_of_the_generated_result) {
    // The same provider first shows half its result, then the whole (results depend only on
    // the job, so the two can be compared).
    const auto id = launch_with(R"({"timelines": {
        "amazon": [{"after": "1s", "partial": 0.5}, {"after": "1s"}],
        "*": [{"after": "1s", "partial": 1}]}})");
    advance(1);
    const auto cut = get_job(id);
    advance(1);
    const auto whole = get_job(id);
    BOOST_TEST(cut.at("status").as_string() == "finished");

    const auto whole_text = text_at(whole, "amazon", "text");
    const auto whole_words = 1 + std::count(whole_text.begin(), whole_text.end(), ' ');
    BOOST_TEST_REQUIRE(whole_words > 3);
    std::string expected_text;
    std::size_t start = 0;
    for (long word = 0; word < (whole_words + 1) / 2; ++word) {
        const auto end = whole_text.find(' ', start);
        expected_text += (word == 0 ? "" : " ") + whole_text.substr(start, end - start);
        start = end + 1;
    }
    BOOST_TEST(text_at(cut, "amazon", "text") == expected_text);

    const auto& whole_entries =
        whole.at("results").at("amazon").at("diarization").at("entries").as_array();
    const auto& cut_entries =
        cut.at("results").at("amazon").at("diarization").at("entries").as_array();
    BOOST_TEST(cut_entries.size() == (whole_entries.size() + 1) / 2);
    BOOST_TEST(cut_entries.at(0) == whole_entries.at(0));
    // Numbers stay; "partial": 1 keeps everything.
    BOOST_TEST(cut.at("results").at("amazon").at("diarization").at("total_speakers") ==
               whole.at("results").at("amazon").at("diarization").at("total_speakers"));
    BOOST_TEST(cut.at("results").at("google") == whole.at("results").at("google"));
}

BOOST_AUTO_TEST_CASE(the_scenario_schema_is_served) {
    const auto res = client.get("/_emulator/scenario-schema");
    BOOST_TEST(res.status == 200u);
    BOOST_TEST(res.header("content-type") == "application/schema+json");
    const auto schema = res.json();
    BOOST_TEST(schema.at("title").as_string() == "edenmock scenario");
    BOOST_TEST(schema.at("properties").as_object().contains("job_failure"));
}

BOOST_AUTO_TEST_SUITE_END()
