#include "server/scenario/scenario_loader.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu::scenario;

namespace {

std::string error_of(std::string_view text) {
    try {
        parse_scenario(text, "s.json");
    } catch (const load_error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

BOOST_AUTO_TEST_SUITE(scenario_loader)

BOOST_AUTO_TEST_CASE(reads_timelines_with_comments_and_trailing_commas) {
    const auto s = parse_scenario(R"({
        // a comment
        "name": "slow", "description": "d",
        "timelines": {"*": [{"after": "30s"}], "amazon": [{"after": 1, "status": "failed",
                      "error": {"type": "T", "message": "M"}},],},
    })",
                                  "s.json");
    BOOST_TEST(s.name == "slow");
    BOOST_TEST(s.steps_for("google").at(0).after.count() == 30000000);
    const auto& amazon = s.steps_for("amazon").at(0);
    BOOST_TEST((amazon.status == provider_status::failed));
    BOOST_TEST(amazon.error_type == "T");
    BOOST_TEST(amazon.error_message == "M");
}

BOOST_AUTO_TEST_CASE(errors_name_file_path_and_field) {
    BOOST_TEST(error_of(R"({"name": "x", "timelines": {"amazon": [{"after": "soon"}]}})") ==
               "s.json: timelines.amazon[0].after: expected duration like \"30s\"");
    BOOST_TEST(
        error_of(R"({"name": "x", "timelines": {"*": [{"after": "1s", "status": "done"}]}})") ==
        "s.json: timelines.*[0].status: expected \"processing\", \"finished\" or \"failed\"");
    BOOST_TEST(error_of(R"({"timelines": {}})") ==
               "s.json: name: required non-empty string is missing");
    BOOST_TEST(
        error_of("{\n  \"name\": x}").starts_with("s.json: line 2 column 11: not valid JSON"));
    BOOST_TEST(
        error_of(R"({"name": "x", "timelines": {"*": [{"after": "1s", "after_polls": 2}]}})") ==
        "s.json: timelines.*[0]: give exactly one of \"after\" (a duration like \"30s\") or "
        "\"after_polls\" (a number of GETs)");
    BOOST_TEST(error_of(R"({"name": "x", "timelines": {"*": [{"after_polls": 0}]}})") ==
               "s.json: timelines.*[0].after_polls: expected an integer from 1 to 1000000");
    BOOST_TEST(
        error_of(
            R"({"name": "x", "timelines": {"*": [{"after": "1s", "status": "failed", "result": {}}]}})") ==
        "s.json: timelines.*[0].result: expected an object of result fields, on a \"finished\" "
        "step");
    BOOST_TEST(error_of(R"({"name": "x", "timelines": {"*": [{"after": "1s", "when": 1}]}})") ==
               "s.json: timelines.*[0].when: unknown field (known: after, after_polls, status, "
               "error, result)");
    BOOST_TEST(error_of(R"({"name": "x", "timelines": {"*": []}})") ==
               "s.json: timelines.*: expected a non-empty array of steps");
}

BOOST_AUTO_TEST_SUITE_END()
