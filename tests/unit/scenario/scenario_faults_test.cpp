// The "faults" member of scenario files: what it reads and how a bad field is reported.
#include "server/scenario/scenario_loader.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu::scenario;

namespace {

std::string error_of(std::string_view faults) {
    try {
        parse_scenario(R"({"name": "x", "faults": )" + std::string{faults} + "}", "x.json");
    } catch (const load_error& e) {
        return e.what();
    }
    return "no error";
}

std::vector<fault_rule> faults_of(std::string_view faults) {
    return parse_scenario(R"({"name": "x", "faults": )" + std::string{faults} + "}", "x.json")
        .faults;
}

} // namespace

BOOST_AUTO_TEST_SUITE(scenario_faults)

BOOST_AUTO_TEST_CASE(a_status_fault_reads_its_call_trigger_body_and_retry_after) {
    const auto faults = faults_of(R"([
        {"on": "launch", "when": {"nth": 3}, "status": 429, "retry_after": 2},
        {"on": "get", "when": {"probability": 0.25}, "status": 503, "body": {"e": 1}},
    ])");
    BOOST_TEST_REQUIRE(faults.size() == 2u);
    BOOST_TEST((faults[0].on == fault_call::launch));
    BOOST_TEST((faults[0].when == fault_when::nth));
    BOOST_TEST(faults[0].count == 3u);
    BOOST_TEST((faults[0].effect == fault_effect::status));
    BOOST_TEST(faults[0].status == 429u);
    BOOST_TEST(faults[0].body.is_null());
    BOOST_TEST(faults[0].retry_after.value_or(0) == 2u);
    BOOST_TEST(faults[0].stops_call());
    BOOST_TEST((faults[1].when == fault_when::probability));
    BOOST_TEST(faults[1].probability == 0.25);
    BOOST_TEST(faults[1].body.as_object().at("e").as_int64() == 1);
    BOOST_TEST(!faults[1].retry_after.has_value());
}

BOOST_AUTO_TEST_CASE(latency_reset_and_truncate_faults_are_read_and_when_defaults_to_every_call) {
    const auto faults = faults_of(R"([
        {"on": "list", "latency": "50ms"},
        {"on": "delete", "when": {"every": 2}, "reset": true},
        {"on": "any", "when": {"first": 4}, "truncate": 10}])");
    BOOST_TEST_REQUIRE(faults.size() == 3u);
    BOOST_TEST((faults[0].on == fault_call::list));
    BOOST_TEST((faults[0].when == fault_when::every));
    BOOST_TEST(faults[0].count == 1u);
    BOOST_TEST((faults[0].effect == fault_effect::latency));
    BOOST_TEST(faults[0].latency.count() == 50000);
    BOOST_TEST(!faults[0].stops_call());
    BOOST_TEST((faults[1].on == fault_call::remove));
    BOOST_TEST((faults[1].effect == fault_effect::reset));
    BOOST_TEST(faults[1].stops_call());
    BOOST_TEST((faults[2].on == fault_call::any));
    BOOST_TEST((faults[2].when == fault_when::first));
    BOOST_TEST((faults[2].effect == fault_effect::truncate));
    BOOST_TEST(faults[2].truncate == 10u);
}

BOOST_AUTO_TEST_CASE(a_scenario_without_faults_has_none) {
    BOOST_TEST(parse_scenario(R"({"name": "x"})", "x.json").faults.empty());
}

BOOST_AUTO_TEST_CASE(bad_fault_fields_are_errors_naming_file_path_and_field) {
    BOOST_TEST(error_of(R"({"on": "get"})") == "x.json: faults: expected an array of fault rules");
    BOOST_TEST(error_of(R"([3])") ==
               "x.json: faults[0]: expected an object like {\"on\": \"launch\", \"when\": "
               "{\"nth\": 3}, \"status\": 429}");
    BOOST_TEST(error_of(R"([{"on": "get", "status": 500, "delay": 1}])") ==
               "x.json: faults[0]: unknown field \"delay\". This takes one of \"on\", \"when\", "
               "\"status\", \"body\", \"retry_after\", \"latency\", \"reset\" or \"truncate\".");
    BOOST_TEST(error_of(R"([{"status": 500}])") ==
               "x.json: faults[0].on: required: \"launch\", \"get\", \"list\", \"delete\" or "
               "\"any\"");
    BOOST_TEST(error_of(R"([{"on": "poll", "status": 500}])") ==
               "x.json: faults[0].on: expected \"launch\", \"get\", \"list\", \"delete\" or "
               "\"any\"");
    BOOST_TEST(error_of(R"([{"on": 1, "status": 500}])") ==
               "x.json: faults[0].on: expected string");
}

BOOST_AUTO_TEST_CASE(bad_when_fields_are_errors_naming_the_trigger) {
    const std::string one_of =
        "expected an object with one of \"nth\", \"every\", \"first\" or \"probability\"";
    BOOST_TEST(
        error_of(R"([{"on": "get", "status": 500}, {"on": "get", "when": 3, "status": 500}])") ==
        "x.json: faults[1].when: " + one_of);
    BOOST_TEST(error_of(R"([{"on": "get", "when": {}, "status": 500}])") ==
               "x.json: faults[0].when: " + one_of);
    BOOST_TEST(error_of(R"([{"on": "get", "when": {"nth": 1, "every": 2}, "status": 500}])") ==
               "x.json: faults[0].when: " + one_of);
    BOOST_TEST(error_of(R"([{"on": "get", "when": {"last": 1}, "status": 500}])") ==
               "x.json: faults[0].when: unknown field \"last\". This takes one of \"nth\", "
               "\"every\", \"first\" or \"probability\".");
    BOOST_TEST(error_of(R"([{"on": "get", "when": {"probability": 1.5}, "status": 500}])") ==
               "x.json: faults[0].when.probability: expected a number from 0 to 1");
    BOOST_TEST(error_of(R"([{"on": "get", "when": {"probability": "half"}, "status": 500}])") ==
               "x.json: faults[0].when.probability: expected a number from 0 to 1");
    BOOST_TEST(error_of(R"([{"on": "get", "when": {"nth": 0}, "status": 500}])") ==
               "x.json: faults[0].when.nth: expected an integer from 1 to 1000000");
    BOOST_TEST(error_of(R"([{"on": "get", "when": {"every": 2.5}, "status": 500}])") ==
               "x.json: faults[0].when.every: expected an integer from 1 to 1000000");
    BOOST_TEST(error_of(R"([{"on": "get", "when": {"first": -1}, "status": 500}])") ==
               "x.json: faults[0].when.first: expected an integer from 1 to 1000000");
}

BOOST_AUTO_TEST_CASE(bad_effect_fields_are_errors_naming_the_effect) {
    const std::string one_effect =
        "give exactly one effect: \"status\", \"latency\", \"reset\" or \"truncate\"";
    BOOST_TEST(error_of(R"([{"on": "get"}])") == "x.json: faults[0]: " + one_effect);
    BOOST_TEST(error_of(R"([{"on": "get", "status": 500, "reset": true}])") ==
               "x.json: faults[0]: " + one_effect);
    BOOST_TEST(error_of(R"([{"on": "get", "status": 200}])") ==
               "x.json: faults[0].status: expected an HTTP error status from 400 to 599");
    BOOST_TEST(error_of(R"([{"on": "get", "status": "503"}])") ==
               "x.json: faults[0].status: expected an HTTP error status from 400 to 599");
    BOOST_TEST(error_of(R"([{"on": "get", "status": 429, "retry_after": "soon"}])") ==
               "x.json: faults[0].retry_after: expected a whole number of seconds from 0 to "
               "86400");
    BOOST_TEST(error_of(R"([{"on": "get", "latency": "1s", "retry_after": 1}])") ==
               "x.json: faults[0].retry_after: allowed only with \"status\"");
    BOOST_TEST(error_of(R"([{"on": "get", "reset": true, "body": {}}])") ==
               "x.json: faults[0].body: allowed only with \"status\"");
    BOOST_TEST(error_of(R"([{"on": "get", "latency": "soon"}])") ==
               "x.json: faults[0].latency: expected a duration like \"2s\", at most 10m");
    BOOST_TEST(error_of(R"([{"on": "get", "latency": "11m"}])") ==
               "x.json: faults[0].latency: expected a duration like \"2s\", at most 10m");
    BOOST_TEST(error_of(R"([{"on": "get", "reset": false}])") ==
               "x.json: faults[0].reset: expected true");
    BOOST_TEST(error_of(R"([{"on": "get", "truncate": -1}])") ==
               "x.json: faults[0].truncate: expected a number of body bytes (0 or more)");
}

BOOST_AUTO_TEST_SUITE_END()
