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

} // namespace emu::testing
