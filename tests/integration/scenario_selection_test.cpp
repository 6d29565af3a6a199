// Which scenario a launch follows (match rules, the X-Edenmock-Scenario header), and the
// control endpoints that list, put and delete scenarios at runtime.
#include "server/support/log.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/running_emulator.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace {

using namespace emu::testing;
namespace json = boost::json;

constexpr std::string_view stt = "/v2/audio/speech_to_text_async";
constexpr std::string_view stt_body =
    R"({"providers": "amazon", "file_url": "https://x.test/call.wav"})";

// The shared fixture plus this suite's helpers.
struct selection_fixture : running_emulator {

    // Launches with extra headers and returns the job's status after `seconds`.
    std::string status_after(double seconds,
                             const std::vector<std::pair<std::string, std::string>>& headers = {},
                             std::string_view body = stt_body) {
        auto all = headers;
        all.emplace_back("Content-Type", "application/json");
        const auto launched = client.request("POST", stt, body, all);
        BOOST_TEST_REQUIRE(launched.status == 200u, launched.body);
        const std::string id{launched.json().at("public_id").as_string()};
        client.post_json("/_emulator/clock/advance",
                         "{\"seconds\": " + std::to_string(seconds) + "}");
        return std::string{client.get(std::string{stt} + "/" + id).json().at("status").as_string()};
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(scenario_selection, selection_fixture)

BOOST_AUTO_TEST_CASE(lists_the_built_in_fallback_apart_and_last) {
    const auto fallback = json::parse(R"({"name": "default",
        "description": "Every provider finishes after a short delay.", "priority": null,
        "matches_every_launch": true, "source": "built-in", "tenant": null, "fallback": true,
        "warnings": []})");
    auto res = client.get("/_emulator/scenarios");
    BOOST_TEST(res.json().at("scenarios") == json::array{fallback});
    // A user's "default" and an "a-..." that sorts first both come before it, and compete.
    put_scenario("default", R"({"match": {"fields": {"language": "fr"}},
                                 "timelines": {"*": [{"after": "30s"}]}})");
    put_scenario("a-first", R"({"match": {"fields": {"language": "de"}}})");
    res = client.get("/_emulator/scenarios");
    const auto listed = res.json().at("scenarios").as_array();
    BOOST_TEST_REQUIRE(listed.size() == 3u);
    BOOST_TEST(listed[0].at("name").as_string() == "a-first");
    BOOST_TEST(listed[1].at("name").as_string() == "default");
    BOOST_TEST(listed[1].at("priority").as_int64() == 0);
    BOOST_TEST(listed[1].at("fallback").as_bool() == false);
    BOOST_TEST(listed[2] == fallback);
    // Launches neither matches follow the fallback (2 s), not the user's "default".
    BOOST_TEST(status_after(2) == "finished");
}

BOOST_AUTO_TEST_CASE(runtime_scenario_applies_to_the_launches_it_matches) {
    put_scenario("slow-french", R"({"match": {"fields": {"language": "fr"}},
                          "timelines": {"*": [{"after": "30s"}]}})");
    BOOST_TEST(status_after(2) == "finished");
    const std::string french =
        R"({"providers": "amazon", "file_url": "https://x.test/a.wav", "language": "fr"})";
    BOOST_TEST(status_after(29, {}, french) == "processing");
    const auto listed = client.get("/_emulator/scenarios").json().at("scenarios").as_array();
    BOOST_TEST(listed.size() == 2u);
    BOOST_TEST(listed[0].at("source").as_string() == "runtime");
    BOOST_TEST(listed[1].at("fallback").as_bool());
}

BOOST_AUTO_TEST_CASE(the_header_names_the_scenario_whatever_its_rules) {
    put_scenario("fails", R"({"match": {"tenant": "nobody"},
                    "timelines": {"*": [{"after": "1s", "status": "failed", "error": {"message": "boom"}}]}})");
    BOOST_TEST(status_after(1, {{"X-Edenmock-Scenario", "fails"}}) == "failed");
    BOOST_TEST(status_after(2) == "finished");
}

BOOST_AUTO_TEST_CASE(an_unknown_scenario_header_is_a_400) {
    const auto res =
        client.request("POST",
                       stt,
                       stt_body,
                       {{"Content-Type", "application/json"}, {"X-Edenmock-Scenario", "nope"}});
    BOOST_TEST(res.status == 400u);
    BOOST_TEST(res.json().at("error").at("message").at("X-Edenmock-Scenario").at(0).as_string() ==
               "Unknown scenario \"nope\".");
}

BOOST_AUTO_TEST_CASE(jobs_keep_the_scenario_they_started_with) {
    put_scenario("slow", R"({"timelines": {"*": [{"after": "10s"}]}})");
    const auto launched = client.post_json(stt, stt_body);
    const std::string id{launched.json().at("public_id").as_string()};
    BOOST_TEST(client.del("/_emulator/scenarios/slow").status == 204u);
    client.post_json("/_emulator/clock/advance", R"({"seconds": 5})");
    BOOST_TEST(client.get(std::string{stt} + "/" + id).json().at("status").as_string() ==
               "processing");
    BOOST_TEST(status_after(2) == "finished"); // new launches are back on the default
}

BOOST_AUTO_TEST_CASE(a_scenario_that_can_never_match_loads_with_a_warning) {
    std::mutex mutex;
    std::vector<std::string> lines;
    emu::log::set_sink([&](std::string_view line) {
        std::lock_guard lock{mutex};
        lines.emplace_back(line);
    });
    const auto res =
        client.request("PUT", "/_emulator/scenarios/typo", R"({"match": {"provider": "gogle"}})");
    emu::log::set_sink({});
    BOOST_TEST(res.status == 200u, res.body);
    const std::string warning =
        "match.provider \"gogle\" names no provider of any feature; did you mean \"google\"?";
    const auto listed = client.get("/_emulator/scenarios").json().at("scenarios");
    BOOST_TEST(listed.at(0).at("name").as_string() == "typo");
    BOOST_TEST(listed.at(0).at("warnings") == json::array{warning});
    BOOST_TEST(listed.at(1).at("warnings") == json::array{}); // the fallback
    const std::vector<std::string> logged{"edenmock warn: runtime scenario \"typo\": " + warning};
    BOOST_TEST(lines == logged, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_scenarios_are_rejected_with_the_field_named) {
    auto res = client.request(
        "PUT", "/_emulator/scenarios/x", R"({"timelines": {"*": [{"after": "soon"}]}})");
    BOOST_TEST(res.status == 400u);
    BOOST_TEST(res.json().at("error").at("message").at("scenario").at(0).as_string() ==
               "PUT /_emulator/scenarios/x: timelines.*[0].after: expected duration like \"30s\"");
    res = client.request("PUT", "/_emulator/scenarios/x", R"({"match": {"provder": "google"}})");
    BOOST_TEST(res.status == 400u);
    BOOST_TEST(
        res.json().at("error").at("message") ==
        json::parse(
            R"({"scenario": ["PUT /_emulator/scenarios/x: match: unknown field \"provder\"; did you mean \"provider\"? This takes one of \"feature\", \"api\", \"model\", \"provider\", \"tenant\", \"file_name\", \"fields\" or \"headers\"."]})"));
    res = client.request("PUT", "/_emulator/scenarios/x", R"({"name": "y"})");
    BOOST_TEST(res.status == 400u);
    res = client.request("PUT", "/_emulator/scenarios/x", "{nope");
    BOOST_TEST(res.status == 400u);
    BOOST_TEST(client.get("/_emulator/scenarios").json().at("scenarios").as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(deleting_what_is_not_a_runtime_scenario_is_a_404) {
    const auto res = client.del("/_emulator/scenarios/default");
    BOOST_TEST(res.status == 404u);
    BOOST_TEST(res.json().at("error").at("type").as_string() == "not_found");
}

BOOST_AUTO_TEST_SUITE_END()
