#include "tests/integration/support/running_emulator.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace emu::testing {

void running_emulator::advance(double seconds) {
    const auto res = client.post_json("/_emulator/clock/advance",
                                      "{\"seconds\": " + std::to_string(seconds) + "}");
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
}

void running_emulator::put_scenario(std::string_view name, std::string_view body) {
    const auto res = client.request("PUT",
                                    "/_emulator/scenarios/" + std::string{name},
                                    body,
                                    {{"Content-Type", "application/json"}});
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
}

std::string running_emulator::launch_with(std::string_view scenario) {
    put_scenario("under-test", scenario);
    const auto res =
        client.post_json("/v2/audio/speech_to_text_async",
                         R"({"providers": "amazon,google", "file_url": "https://x.test/a.wav"})");
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    return std::string{res.json().at("public_id").as_string()};
}

boost::json::value running_emulator::get_job(const std::string& id) {
    const auto res = client.get("/v2/audio/speech_to_text_async/" + id);
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    return res.json();
}

} // namespace emu::testing
