#include "server/scenario/scenario_loader.hpp"
#include "server/scenario/scenario_schema.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
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
               "s.json: timelines.*[0]: unknown field \"when\". This takes one of \"after\", "
               "\"after_polls\", \"status\", \"error\", \"result\" or \"partial\".");
    BOOST_TEST(error_of(R"({"name": "x", "timelines": {"*": []}})") ==
               "s.json: timelines.*: expected a non-empty array of steps");
}

BOOST_AUTO_TEST_CASE(a_misspelt_field_is_named_with_the_nearest_valid_one) {
    BOOST_TEST(error_of(R"({"name": "x", "match": {"provder": "google"}})") ==
               "s.json: match: unknown field \"provder\"; did you mean \"provider\"? This takes "
               "one of \"feature\", \"api\", \"model\", \"provider\", \"tenant\", "
               "\"file_name\", \"fields\" or \"headers\".");
    BOOST_TEST(error_of(R"({"name": "x", "timelnes": {}})") ==
               "s.json: $: unknown field \"timelnes\"; did you mean \"timelines\"? This takes one "
               "of \"$schema\", \"name\", \"description\", \"priority\", \"match\", "
               "\"timelines\", \"job_failure\", \"expire_after\", \"webhook\", \"faults\" or "
               "\"expect\".");
    BOOST_TEST(
        error_of(R"({"name": "x", "timelines": {"*": [{"after": "1s", "stauts": "failed"}]}})") ==
        "s.json: timelines.*[0]: unknown field \"stauts\"; did you mean \"status\"? This "
        "takes one of \"after\", \"after_polls\", \"status\", \"error\", \"result\" or "
        "\"partial\".");
}

BOOST_AUTO_TEST_CASE(reads_job_failure_expiry_webhook_and_partial) {
    const auto s = parse_scenario(R"({"$schema": "../docs/scenario.schema.json", "name": "x",
        "timelines": {"*": [{"after": "1s", "partial": 0.25}]},
        "job_failure": {"after_polls": 4, "message": "M", "list_state": "Timeout error",
                        "provider_error": {"type": "T", "message": "P"}},
        "expire_after": "2h",
        "webhook": {"delay": "3s", "drop": true, "duplicates": 2, "out_of_order": true,
                    "early": "500ms", "corrupt_signature": true}})",
                                  "s.json");
    BOOST_TEST(*s.steps_for("amazon").at(0).partial == 0.25);
    BOOST_TEST_REQUIRE(s.job_failure.has_value());
    BOOST_TEST(*s.job_failure->after_polls == 4u);
    BOOST_TEST(s.job_failure->message == "M");
    BOOST_TEST(s.job_failure->list_state == "Timeout error");
    BOOST_TEST(s.job_failure->shown.error_type == "T");
    BOOST_TEST(s.job_failure->shown.error_message == "P");
    BOOST_TEST((s.job_failure->shown.status == provider_status::failed));
    BOOST_TEST(s.expire_after->count() == 7200LL * 1000000);
    BOOST_TEST(s.webhook.delay.count() == 3000000);
    BOOST_TEST(s.webhook.drop);
    BOOST_TEST(s.webhook.duplicates == 2u);
    BOOST_TEST(s.webhook.out_of_order);
    BOOST_TEST(s.webhook.early.count() == 500000);
    BOOST_TEST(s.webhook.corrupt_signature);

    // Defaults: the job failure's message is also the providers' error message.
    const auto d = parse_scenario(R"({"name": "d", "job_failure": {"after": "30s"}})", "d.json");
    BOOST_TEST(d.job_failure->message == "Timeout error");
    BOOST_TEST(d.job_failure->list_state == "failed");
    BOOST_TEST(d.job_failure->shown.error_message == "Timeout error");
    BOOST_TEST(!d.expire_after.has_value());
    BOOST_TEST(!d.webhook.drop);
}

BOOST_AUTO_TEST_CASE(job_fault_errors_name_the_field) {
    BOOST_TEST(error_of(R"({"name": "x", "job_failure": {"message": "M"}})") ==
               "s.json: job_failure: give exactly one of \"after\" (a duration like \"30s\") or "
               "\"after_polls\" (a number of GETs)");
    BOOST_TEST(error_of(R"({"name": "x", "job_failure": {"after": "1s", "list_state": "gone"}})") ==
               "s.json: job_failure.list_state: expected \"failed\" or \"Timeout error\"");
    BOOST_TEST(error_of(R"({"name": "x", "expire_after": "soon"})") ==
               "s.json: expire_after: expected duration like \"1h\"");
    BOOST_TEST(error_of(R"({"name": "x", "webhook": {"drop": "yes"}})") ==
               "s.json: webhook.drop: expected true or false");
    BOOST_TEST(error_of(R"({"name": "x", "webhook": {"duplicates": 101}})") ==
               "s.json: webhook.duplicates: expected an integer from 0 to 100");
    BOOST_TEST(error_of(R"({"name": "x", "webhook": {"retry": 1}})") ==
               "s.json: webhook: unknown field \"retry\". This takes one of \"delay\", \"drop\", "
               "\"duplicates\", \"out_of_order\", \"early\" or \"corrupt_signature\".");
    BOOST_TEST(error_of(R"({"name": "x", "timelines": {"*": [{"after": "1s", "partial": 0}]}})") ==
               "s.json: timelines.*[0].partial: expected the fraction of the result kept (above "
               "0, at most 1), on a \"finished\" step");
    BOOST_TEST(
        error_of(
            R"({"name": "x", "timelines": {"*": [{"after": "1s", "status": "failed", "partial": 0.5}]}})") ==
        "s.json: timelines.*[0].partial: expected the fraction of the result kept (above 0, at "
        "most 1), on a \"finished\" step");
}

// Documents the hand checks reject: the schema must reject each of them too.
const char* const rejected_documents[] = {
    R"([])",
    R"({})",
    R"({"name": ""})",
    R"({"name": "x", "nme": 1})",
    R"({"name": "x", "priority": 1.5})",
    R"({"name": "x", "match": {"feature": 3}})",
    R"({"name": "x", "match": {"fields": {"language": 1}}})",
    R"({"name": "x", "match": {"colour": "red"}})",
    R"({"name": "x", "timelines": {"*": []}})",
    R"({"name": "x", "timelines": {"*": [{"status": "finished"}]}})",
    R"({"name": "x", "timelines": {"*": [{"after": "1s", "after_polls": 2}]}})",
    R"({"name": "x", "timelines": {"*": [{"after": "soon"}]}})",
    R"({"name": "x", "timelines": {"*": [{"after": -1}]}})",
    R"({"name": "x", "timelines": {"*": [{"after_polls": 0}]}})",
    R"({"name": "x", "timelines": {"*": [{"after": "1s", "status": "done"}]}})",
    R"({"name": "x", "timelines": {"*": [{"after": "1s", "status": "failed", "result": {}}]}})",
    R"({"name": "x", "timelines": {"*": [{"after": "1s", "error": {"code": 1}}]}})",
    R"({"name": "x", "timelines": {"*": [{"after": "1s", "partial": 1.5}]}})",
    R"({"name": "x", "job_failure": {"message": "M"}})",
    R"({"name": "x", "job_failure": {"after": "1s", "list_state": "gone"}})",
    R"({"name": "x", "expire_after": "soon"})",
    R"({"name": "x", "webhook": {"duplicates": -1}})",
    R"({"name": "x", "webhook": {"early": "later"}})",
    R"({"name": "x", "faults": [{"status": 429}]})",
    R"({"name": "x", "faults": [{"on": "launch"}]})",
    R"({"name": "x", "faults": [{"on": "launch", "status": 429, "latency": "1s"}]})",
    R"({"name": "x", "faults": [{"on": "launch", "latency": "1s", "retry_after": 3}]})",
    R"({"name": "x", "faults": [{"on": "launch", "status": 200}]})",
    R"({"name": "x", "faults": [{"on": "launch", "status": 429, "when": {}}]})",
    R"({"name": "x", "faults": [{"on": "launch", "status": 429, "when": {"nth": 1, "every": 2}}]})",
    R"({"name": "x", "faults": [{"on": "launch", "status": 429, "when": {"probability": 2}}]})",
    R"({"name": "x", "faults": [{"on": "launch", "reset": false}]})",
    R"({"name": "x", "faults": [{"on": "upload", "reset": true}]})",
};

BOOST_AUTO_TEST_CASE(the_schema_rejects_what_the_loader_rejects) {
    for (const auto* text : rejected_documents) {
        BOOST_TEST(error_of(text) != "no error", text);
        const auto violation = schema_violation(boost::json::parse(text));
        BOOST_TEST(violation.has_value(), text << " passes the schema");
    }
}

BOOST_AUTO_TEST_CASE(the_schema_accepts_every_field) {
    const auto document = boost::json::parse(R"({"$schema": "x", "name": "all",
        "description": "d", "priority": -3,
        "match": {"feature": ["audio/*"], "provider": "amazon", "tenant": "t*",
                  "file_name": "*.wav", "fields": {"language": "en"}, "headers": {"X-A": "b"}},
        "timelines": {"*": [{"after": 1.5, "status": "processing"},
                            {"after_polls": 2, "status": "failed",
                             "error": {"type": "T", "message": "M"}},
                            {"after": "1m", "result": {"text": "t"}, "partial": 0.5}]},
        "job_failure": {"after": "2h", "message": "M", "list_state": "Timeout error",
                        "provider_error": {"message": "P"}},
        "expire_after": 60,
        "webhook": {"delay": "1s", "drop": false, "duplicates": 1, "out_of_order": false,
                    "early": "0s", "corrupt_signature": false},
        "faults": [{"on": "launch", "when": {"nth": 3}, "status": 429, "retry_after": 2,
                    "body": {"error": {"code": 429}}},
                   {"on": "get", "when": {"probability": 0.5}, "latency": "2s"},
                   {"on": "list", "reset": true}, {"on": "any", "truncate": 10}],
        "expect": {"anything": true}})");
    const auto violation = schema_violation(document);
    BOOST_TEST(!violation.has_value(), violation.value_or(""));
    BOOST_TEST(error_of(boost::json::serialize(document)) == "no error");
}

BOOST_AUTO_TEST_CASE(schema_violations_name_the_path) {
    const auto violation = schema_violation(
        boost::json::parse(R"({"name": "x", "timelines": {"amazon": [{"after": "soon"}]}})"));
    BOOST_TEST_REQUIRE(violation.has_value());
    BOOST_TEST(violation->starts_with("timelines.amazon[0].after: "), *violation);
}

BOOST_AUTO_TEST_SUITE_END()
