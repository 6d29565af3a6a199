// fault_injector: which calls a scenario's fault rules hit, counted per tenant.
#include "server/engine/fault_injector.hpp"
#include "server/scenario/scenario_loader.hpp"

#include <boost/test/unit_test.hpp>

#include <vector>

using namespace emu;
using scenario::fault_call;

namespace {

// A scenario whose second GET of each tenant answers 429, and a GET in four fails at random.
scenario::scenario flaky() {
    return scenario::parse_scenario(R"({"name": "flaky", "faults": [
        {"on": "get", "when": {"nth": 2}, "status": 429},
        {"on": "launch", "when": {"probability": 0.25}, "status": 503}]})",
                                    "flaky.json");
}

// Which of `calls` launches of `tenant` the injector stops (1) or lets through (0).
std::vector<int> launch_hits(engine::fault_injector& faults,
                             const scenario::scenario& plan,
                             std::string_view tenant,
                             int calls) {
    std::vector<int> hits;
    for (int i = 0; i < calls; ++i) {
        hits.push_back(faults.decide(plan, fault_call::launch, tenant) ? 1 : 0);
    }
    return hits;
}

} // namespace

BOOST_AUTO_TEST_SUITE(fault_injector)

BOOST_AUTO_TEST_CASE(each_tenant_counts_its_own_calls) {
    engine::fault_injector faults{42};
    const auto plan = flaky();
    BOOST_TEST(!faults.decide(plan, fault_call::get, "a"));
    BOOST_TEST(!faults.decide(plan, fault_call::get, "b")); // b's first, not the second overall
    BOOST_TEST(faults.decide(plan, fault_call::get, "a").has_value());
    BOOST_TEST(faults.decide(plan, fault_call::get, "b").has_value());
    BOOST_TEST(!faults.decide(plan, fault_call::get, "a"));
}

BOOST_AUTO_TEST_CASE(random_faults_of_a_tenant_do_not_depend_on_other_tenants) {
    const auto plan = flaky();
    engine::fault_injector alone{42};
    const auto expected = launch_hits(alone, plan, "a", 40);
    engine::fault_injector shared{42};
    std::vector<int> interleaved;
    for (int i = 0; i < 40; ++i) {
        launch_hits(shared, plan, "b", 3);
        interleaved.push_back(shared.decide(plan, fault_call::launch, "a") ? 1 : 0);
    }
    BOOST_TEST(interleaved == expected, boost::test_tools::per_element());
    BOOST_TEST(std::count(expected.begin(), expected.end(), 1) > 0); // the rule does fire
}

BOOST_AUTO_TEST_CASE(resetting_a_tenant_restarts_its_counts_only) {
    engine::fault_injector faults{42};
    const auto plan = flaky();
    faults.decide(plan, fault_call::get, "a");
    faults.decide(plan, fault_call::get, "b");
    faults.reset("a");
    faults.reset("nobody");
    BOOST_TEST(!faults.decide(plan, fault_call::get, "a")); // a's first again
    BOOST_TEST(faults.decide(plan, fault_call::get, "b").has_value());
    faults.reset("");
    BOOST_TEST(!faults.decide(plan, fault_call::get, "b"));
}

BOOST_AUTO_TEST_SUITE_END()
