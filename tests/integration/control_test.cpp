// The control API under /_emulator/: health, clock, advance, reset.
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/running_emulator.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace {

using namespace emu::testing;
namespace json = boost::json;

} // namespace

BOOST_FIXTURE_TEST_SUITE(control_api, running_emulator)

BOOST_AUTO_TEST_CASE(health_reports_ok_without_credentials) {
    const auto res = client.request("GET", "/_emulator/health", {}, {}, false);
    BOOST_TEST(res.status == 200u);
    BOOST_TEST(res.json() == json::parse(R"({"status": "ok", "clock": "manual", "jobs": 0})"));
}

BOOST_AUTO_TEST_CASE(clock_starts_at_the_configured_time_and_advances_exactly) {
    BOOST_TEST(
        client.get("/_emulator/clock").json() ==
        json::parse(
            R"({"mode": "manual", "now": "2026-01-01T00:00:00.000000Z", "epoch_ms": 1767225600000})"));
    auto res = client.post_json("/_emulator/clock/advance", R"({"seconds": 1.5})");
    BOOST_TEST(res.json().at("now").as_string() == "2026-01-01T00:00:01.500000Z");
    res = client.post_json("/_emulator/clock/advance/", R"({"ms": 250})");
    BOOST_TEST(res.json().at("now").as_string() == "2026-01-01T00:00:01.750000Z");
}

BOOST_AUTO_TEST_CASE(advance_rejects_bad_bodies) {
    for (const auto* body :
         {R"({"seconds": -1})", R"({"seconds": "soon"})", R"({})", R"({"seconds": 1, "ms": 5})"}) {
        BOOST_TEST_CONTEXT(body) {
            const auto res = client.post_json("/_emulator/clock/advance", body);
            BOOST_TEST(res.status == 400u);
            BOOST_TEST(res.json().at("error").at("type").as_string() == "Invalid request");
        }
    }
    BOOST_TEST(client.post_json("/_emulator/clock/advance", "nope").status == 400u);
    BOOST_TEST(client.get("/_emulator/clock").json().at("now").as_string() ==
               "2026-01-01T00:00:00.000000Z");
}

BOOST_AUTO_TEST_CASE(advance_names_an_unknown_field_and_the_nearest_known_one) {
    const auto res = client.post_json("/_emulator/clock/advance", R"({"second": 2})");
    BOOST_TEST(res.status == 400u);
    BOOST_TEST(res.json() == json::parse(R"({"error": {"type": "Invalid request", "message": {
        "second": ["Unknown field \"second\"; did you mean \"seconds\"? This takes one of \"seconds\", \"ms\", \"to\" or \"until_idle\"."]}}})"));
    const auto both = client.post_json("/_emulator/clock/advance", R"({"seconds": 1, "tu": 5})");
    BOOST_TEST(both.status == 400u);
    BOOST_TEST(both.json().at("error").at("message") == json::parse(R"({
        "tu": ["Unknown field \"tu\"; did you mean \"to\"? This takes one of \"seconds\", \"ms\", \"to\" or \"until_idle\"."]})"));
    BOOST_TEST(client.get("/_emulator/clock").json().at("now").as_string() ==
               "2026-01-01T00:00:00.000000Z");
}

BOOST_AUTO_TEST_CASE(advance_without_a_field_asks_for_exactly_one) {
    for (const auto* body : {R"({})", R"({"seconds": 1, "ms": 5})"}) {
        BOOST_TEST_CONTEXT(body) {
            const auto res = client.post_json("/_emulator/clock/advance", body);
            BOOST_TEST(res.status == 400u);
            BOOST_TEST(res.json().at("error").at("message") == json::parse(R"({
                "body": ["Give exactly one of \"seconds\", \"ms\", \"to\" or \"until_idle\"."]})"));
        }
    }
}

BOOST_AUTO_TEST_CASE(advance_on_the_real_clock_is_a_conflict) {
    auto opts = test_emulator::default_options();
    opts.clock = emu::app::clock_mode::real;
    test_emulator real{opts};
    http_client other{real.port()};
    const auto res = other.post_json("/_emulator/clock/advance", R"({"seconds": 1})");
    BOOST_TEST(res.status == 409u);
    BOOST_TEST(res.json().at("error").at("message").as_string().find("--clock manual") !=
               std::string::npos);
    BOOST_TEST(other.get("/_emulator/clock").json().at("mode").as_string() == "real");
}

BOOST_AUTO_TEST_CASE(reset_deletes_every_tenants_jobs) {
    http_client other{emulator.port(), "other"};
    const std::string body = R"({"providers": "amazon", "file_url": "https://x.test/a.wav"})";
    const auto mine =
        client.post_json("/v2/audio/speech_to_text_async", body).json().at("public_id");
    other.post_json("/v2/audio/speech_to_text_async", body);
    BOOST_TEST(client.get("/_emulator/health").json().at("jobs").as_int64() == 2);
    const auto res = client.post_json("/_emulator/reset", "");
    BOOST_TEST(res.json() ==
               json::parse(R"({"deleted_jobs": 2, "deleted_scenarios": 0, "deleted_files": 0})"));
    BOOST_TEST(
        client.get("/v2/audio/speech_to_text_async/" + std::string{mine.as_string()}).status ==
        404u);
    BOOST_TEST(other.get("/v2/audio/speech_to_text_async").json().at("jobs").as_array().empty());
}

BOOST_AUTO_TEST_SUITE_END()
