// --list-state lazy: every field of a v2 list row is as of the job's last GET, through HTTP.
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

namespace {

using namespace emu::testing;
namespace json = boost::json;

constexpr std::string_view stt = "/v2/audio/speech_to_text_async";

emu::app::options lazy_options() {
    auto opts = test_emulator::default_options();
    opts.list_mode = emu::jobs::list_mode::lazy;
    return opts;
}

// An emulator listing lazily, with amazon done after 1 s and google after 10 s.
struct lazy_fixture {
    test_emulator emulator{lazy_options()};
    http_client client{emulator.port()};

    lazy_fixture() {
        const auto res = client.request("PUT",
                                        "/_emulator/scenarios/under-test",
                                        R"({"timelines": {"amazon": [{"after": "1s"}],
                                            "google": [{"after": "10s"}]}})",
                                        {{"Content-Type", "application/json"}});
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    }

    std::string launch() {
        const auto res = client.post_json(
            stt, R"({"providers": "amazon,google", "file_url": "https://x.test/a.wav"})");
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
        return std::string{res.json().at("public_id").as_string()};
    }

    void advance(int seconds) {
        const auto res = client.post_json("/_emulator/clock/advance",
                                          "{\"seconds\": " + std::to_string(seconds) + "}");
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    }

    // The list row's progress fields: {"state", "nb", "nb_ok"}.
    json::value row() {
        const auto res = client.get(std::string{stt});
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
        const auto body = res.json();
        const auto& first = body.at("jobs").at(0).as_object();
        return json::object{
            {"state", first.at("state")}, {"nb", first.at("nb")}, {"nb_ok", first.at("nb_ok")}};
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(list_state, lazy_fixture)

BOOST_AUTO_TEST_CASE(a_lazy_row_is_all_of_the_last_get) {
    const auto id = launch();
    advance(2); // amazon has finished, but nobody has looked
    BOOST_TEST(row() == json::parse(R"({"state": "processing", "nb": 2, "nb_ok": 0})"));
    BOOST_TEST(client.get(std::string{stt} + "/" + id).status == 200u);
    BOOST_TEST(row() == json::parse(R"({"state": "processing", "nb": 2, "nb_ok": 1})"));
    advance(10); // the job has ended since that GET: the row still reads as of it
    BOOST_TEST(row() == json::parse(R"({"state": "processing", "nb": 2, "nb_ok": 1})"));
    BOOST_TEST(client.get(std::string{stt} + "/" + id).status == 200u);
    BOOST_TEST(row() == json::parse(R"({"state": "finished", "nb": 2, "nb_ok": 2})"));
}

BOOST_AUTO_TEST_CASE(a_lazy_job_failure_shows_its_list_state_only_once_seen) {
    const auto res = client.request("PUT",
                                    "/_emulator/scenarios/under-test",
                                    R"({"timelines": {"*": [{"after": "1m"}]},
                                        "job_failure": {"after": "30s", "list_state": "Timeout error"}})",
                                    {{"Content-Type", "application/json"}});
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    const auto id = launch();
    advance(31);
    BOOST_TEST(row() == json::parse(R"({"state": "processing", "nb": 2, "nb_ok": 0})"));
    BOOST_TEST(client.get(std::string{stt} + "/" + id).status == 200u);
    BOOST_TEST(row() == json::parse(R"({"state": "Timeout error", "nb": 2, "nb_ok": 0})"));
}

BOOST_AUTO_TEST_CASE(a_live_row_is_all_of_now) {
    test_emulator live{test_emulator::default_options()};
    http_client other{live.port()};
    BOOST_TEST_REQUIRE(other
                           .request("PUT",
                                    "/_emulator/scenarios/under-test",
                                    R"({"timelines": {"amazon": [{"after": "1s"}],
                                        "google": [{"after": "10s"}]}})",
                                    {{"Content-Type", "application/json"}})
                           .status == 200u);
    BOOST_TEST_REQUIRE(
        other
            .post_json(stt, R"({"providers": "amazon,google", "file_url": "https://x.test/a.wav"})")
            .status == 200u);
    other.post_json("/_emulator/clock/advance", R"({"seconds": 2})");
    const auto listed = other.get(std::string{stt}).json().at("jobs").at(0);
    BOOST_TEST(listed.at("state").as_string() == "processing");
    BOOST_TEST(listed.at("nb_ok").as_int64() == 1);
    other.post_json("/_emulator/clock/advance", R"({"seconds": 10})");
    const auto ended = other.get(std::string{stt}).json().at("jobs").at(0);
    BOOST_TEST(ended.at("state").as_string() == "finished");
    BOOST_TEST(ended.at("nb_ok").as_int64() == 2);
}

BOOST_AUTO_TEST_SUITE_END()
