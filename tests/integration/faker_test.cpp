// Eden's "faker" speech-to-text provider: moved by polls, at random or as its job id says.
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/running_emulator.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

namespace {

using namespace emu::testing;
namespace json = boost::json;

constexpr std::string_view stt = "/v2/audio/speech_to_text_async";

std::string launch(http_client& client, std::string_view providers) {
    const auto res = client.post_json(stt,
                                      R"({"file_url": "https://x.test/a.wav", "providers": ")" +
                                          std::string{providers} + "\"}");
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    return std::string{res.json().at("public_id").as_string()};
}

json::value poll(http_client& client, const std::string& id) {
    const auto res = client.get(std::string{stt} + "/" + id);
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    return res.json();
}

// Polls until the job is no longer processing; returns the number of polls it took.
int polls_until_done(http_client& client, const std::string& id) {
    for (int polls = 1; polls <= 500; ++polls) {
        if (poll(client, id).at("status").as_string() != "processing") {
            return polls;
        }
    }
    return -1;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(faker_provider, running_emulator)

BOOST_AUTO_TEST_CASE(finished_job_id_finishes_at_the_first_poll_with_edens_fake_text) {
    const auto body = poll(client, launch(client, "faker/FINISHED"));
    BOOST_TEST(body.at("status").as_string() == "finished");
    const auto& item = body.at("results").at("faker");
    BOOST_TEST(item.at("text").as_string() == "empty");
    BOOST_TEST(item.at("diarization").at("total_speakers").as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(error_job_id_fails_at_the_first_poll) {
    const auto body = poll(client, launch(client, "faker/ERROR"));
    BOOST_TEST(body.at("status").as_string() == "failed");
    BOOST_TEST(body.at("error").as_string() == "error");
    BOOST_TEST(body.at("results").at("faker").at("error") ==
               json::parse(R"({"type": "ProviderException", "message": "error"})"));
}

BOOST_AUTO_TEST_CASE(pending_job_id_never_moves) {
    const auto id = launch(client, "faker/pending");
    client.post_json("/_emulator/clock/advance", R"({"seconds": 3600})");
    for (int i = 0; i < 50; ++i) {
        BOOST_TEST_REQUIRE(poll(client, id).at("status").as_string() == "processing");
    }
}

BOOST_AUTO_TEST_CASE(random_faker_moves_only_when_polled_and_reproducibly) {
    const auto id = launch(client, "faker");
    client.post_json("/_emulator/clock/advance", R"({"seconds": 3600})");
    // The clock alone does not move it: the list, which does not poll, still shows processing.
    BOOST_TEST(client.get(stt).json().at("jobs").at(0).at("state").as_string() == "processing");
    const int polls = polls_until_done(client, id);
    BOOST_TEST_REQUIRE(polls > 0);

    test_emulator again;
    http_client other{again.port()};
    const auto same_id = launch(other, "faker");
    BOOST_TEST(same_id == id);
    BOOST_TEST(polls_until_done(other, same_id) == polls);
}

BOOST_AUTO_TEST_CASE(random_faker_mostly_finishes_within_a_few_polls) {
    // Eden's odds: 248/999 finish and 6/999 fail per poll, so over 40 jobs nearly all finish.
    int finished = 0;
    for (int i = 0; i < 40; ++i) {
        const auto id = launch(client, "faker");
        BOOST_TEST_REQUIRE(polls_until_done(client, id) > 0);
        finished += poll(client, id).at("status").as_string() == "finished" ? 1 : 0;
    }
    BOOST_TEST(finished >= 30);
}

BOOST_AUTO_TEST_CASE(a_scenario_timeline_for_faker_replaces_the_polling_behaviour) {
    const auto path = std::filesystem::temp_directory_path() / "edenmock-faker-timeline.json";
    {
        std::ofstream out{path};
        out << R"({"name": "default", "timelines": {"faker": [{"after": "5s", "status": "finished"}]}})";
    }
    auto opts = test_emulator::default_options();
    opts.scenarios = path.string();
    test_emulator timed{opts};
    http_client other{timed.port()};
    const auto id = launch(other, "faker");
    BOOST_TEST(poll(other, id).at("status").as_string() == "processing");
    other.post_json("/_emulator/clock/advance", R"({"seconds": 5})");
    BOOST_TEST(poll(other, id).at("status").as_string() == "finished");
    std::filesystem::remove(path);
}

BOOST_AUTO_TEST_SUITE_END()
