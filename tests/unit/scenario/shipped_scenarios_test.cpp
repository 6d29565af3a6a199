#include "server/scenario/scenario_loader.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace emu::scenario;

BOOST_AUTO_TEST_SUITE(shipped_scenarios)

BOOST_AUTO_TEST_CASE(every_shipped_scenario_loads_and_the_default_finishes_after_two_seconds) {
    const auto loaded = load_scenarios(EDENMOCK_SCENARIOS_DIR);
    BOOST_TEST_REQUIRE(!loaded.empty());
    const auto found = std::find_if(
        loaded.begin(), loaded.end(), [](const auto& s) { return s.name == "default"; });
    BOOST_TEST_REQUIRE((found != loaded.end()));
    const auto& steps = found->steps_for("any-provider");
    BOOST_TEST_REQUIRE(steps.size() == 1u);
    BOOST_TEST(steps[0].after.count() == 2000000);
    BOOST_TEST((steps[0].status == provider_status::finished));
}

BOOST_AUTO_TEST_CASE(a_missing_path_is_a_clear_error) {
    BOOST_CHECK_EXCEPTION(
        load_scenarios("/nonexistent/edenmock"), load_error, [](const load_error& e) {
            return std::string{e.what()} ==
                   "/nonexistent/edenmock: no such scenario file or folder";
        });
}

BOOST_AUTO_TEST_SUITE_END()
