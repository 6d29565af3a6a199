// What scenario steps make a job do: poll-count steps, literal results, flapping status, and
// forcing a job through the control API.
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/running_emulator.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace {

using namespace emu::testing;
namespace json = boost::json;

std::string provider_status(const json::value& body, std::string_view provider) {
    return std::string{body.at("results").at(provider).at("final_status").as_string()};
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(scenario_steps, running_emulator)

BOOST_AUTO_TEST_CASE(a_poll_count_step_applies_at_the_nth_get) {
    const auto id =
        launch_with(R"({"timelines": {"*": [{"after_polls": 3, "status": "finished"}]}})");
    advance(3600); // time alone does nothing
    BOOST_TEST(get_job(id).at("status").as_string() == "processing");
    BOOST_TEST(get_job(id).at("status").as_string() == "processing");
    BOOST_TEST(get_job(id).at("status").as_string() == "finished");
}

BOOST_AUTO_TEST_CASE(timed_and_poll_steps_chain) {
    const auto id = launch_with(R"({"timelines": {"*": [
        {"after": "5s", "status": "processing"},
        {"after_polls": 2, "status": "failed", "error": {"message": "Timeout error"}},
        {"after": "10s", "status": "finished"}]}})");
    BOOST_TEST(get_job(id).at("status").as_string() == "processing"); // before 5 s: does not count
    advance(5);
    get_job(id);
    const auto failed = get_job(id);
    BOOST_TEST(failed.at("status").as_string() == "failed");
    BOOST_TEST(failed.at("error").as_string() == "Timeout error");
    advance(9.999);
    BOOST_TEST(get_job(id).at("status").as_string() == "failed");
    advance(0.001);
    BOOST_TEST(get_job(id).at("status").as_string() == "finished");
}

BOOST_AUTO_TEST_CASE(status_can_flap) {
    const auto id = launch_with(R"({"timelines": {"google": [
        {"after": "1s", "status": "finished"}, {"after": "1s", "status": "processing"},
        {"after": "1s", "status": "finished"}], "*": [{"after": "1s"}]}})");
    advance(1);
    BOOST_TEST(get_job(id).at("status").as_string() == "finished");
    advance(1);
    const auto flapped = get_job(id);
    BOOST_TEST(flapped.at("status").as_string() == "processing");
    BOOST_TEST(provider_status(flapped, "google") == "processing");
    advance(1);
    BOOST_TEST(get_job(id).at("status").as_string() == "finished");
}

BOOST_AUTO_TEST_CASE(literal_result_fields_replace_generated_ones) {
    const auto id = launch_with(R"({"timelines": {"amazon": [{"after": "1s",
        "result": {"text": "Hello from the scenario.", "extra": [1, 2]}}], "*": [{"after": "1s"}]}})");
    advance(1);
    const auto body = get_job(id);
    const auto& amazon = body.at("results").at("amazon");
    BOOST_TEST(amazon.at("text").as_string() == "Hello from the scenario.");
    BOOST_TEST(amazon.at("extra") == json::parse("[1, 2]"));
    BOOST_TEST(amazon.as_object().contains("diarization")); // other fields stay generated
    BOOST_TEST(body.at("results").at("google").at("text").as_string() !=
               "Hello from the scenario.");
}

BOOST_AUTO_TEST_CASE(forcing_moves_a_job_now_and_ends_its_timeline) {
    const auto id = launch_with(R"({"timelines": {"*": [{"after": "1h"}]}})");
    auto res = client.post_json(
        "/_emulator/jobs/" + id + "/force",
        R"({"provider": "google", "status": "failed", "error": {"message": "forced"}})");
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    BOOST_TEST(provider_status(res.json(), "google") == "failed");
    BOOST_TEST(provider_status(res.json(), "amazon") == "processing");
    res = client.post_json("/_emulator/jobs/" + id + "/force", R"({"status": "finished"})");
    BOOST_TEST(res.json().at("status").as_string() == "finished");
    advance(7200); // the original timeline no longer applies
    const auto body = get_job(id);
    BOOST_TEST(provider_status(body, "google") == "finished");
    BOOST_TEST(body.at("status").as_string() == "finished");
}

BOOST_AUTO_TEST_CASE(force_rejects_unknown_jobs_providers_and_bad_bodies) {
    const auto id = launch_with(R"({"timelines": {"*": [{"after": "1h"}]}})");
    BOOST_TEST(client.post_json("/_emulator/jobs/00000000-0000-4000-8000-000000000000/force", "{}")
                   .status == 404u);
    BOOST_TEST(client.post_json("/_emulator/jobs/" + id + "/other", "{}").status == 404u);
    auto res = client.post_json("/_emulator/jobs/" + id + "/force", R"({"provider": "openai"})");
    BOOST_TEST(res.status == 400u);
    BOOST_TEST(res.json().at("error").at("message").at("provider").at(0).as_string() ==
               "The job has no provider \"openai\". Its providers: \"amazon\" and \"google\".");
    res = client.post_json("/_emulator/jobs/" + id + "/force", R"({"provider": "gogle"})");
    BOOST_TEST(res.json().at("error").at("message").at("provider").at(0).as_string() ==
               "The job has no provider \"gogle\"; did you mean \"google\"? Its providers: "
               "\"amazon\" and \"google\".");
    res = client.post_json("/_emulator/jobs/" + id + "/force", R"({"status": "done"})");
    BOOST_TEST(res.status == 400u);
    const std::string origin = "POST /_emulator/jobs/" + id + "/force: $: ";
    const std::string takes = "This takes one of \"provider\", \"status\", \"error\", "
                              "\"result\" or \"partial\".";
    res = client.post_json("/_emulator/jobs/" + id + "/force", R"({"after": "1s"})");
    BOOST_TEST(res.status == 400u);
    BOOST_TEST(res.json().at("error").at("type").as_string() == "Invalid request");
    BOOST_TEST(res.json().at("error").at("message") ==
               json::value(json::object{
                   {"force", json::array{origin + "unknown field \"after\". " + takes}}}));
    res = client.post_json("/_emulator/jobs/" + id + "/force", R"({"stauts": "failed"})");
    BOOST_TEST(res.status == 400u);
    BOOST_TEST(res.json().at("error").at("message").at("force").at(0).as_string() ==
               origin + "unknown field \"stauts\"; did you mean \"status\"? " + takes);
    BOOST_TEST(get_job(id).at("status").as_string() == "processing");
}

BOOST_AUTO_TEST_SUITE_END()
