#include "server/scheduling/timeline.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu::scheduling;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(timeline_order)

BOOST_AUTO_TEST_CASE(pops_due_entries_by_time_then_scheduling_order) {
    timeline<int> line;
    const instant t0{0s};
    line.schedule(t0 + 3s, 1);
    line.schedule(t0 + 1s, 2);
    line.schedule(t0 + 1s, 3);
    BOOST_TEST(line.next_due()->time_since_epoch() == std::chrono::microseconds{1s});
    BOOST_TEST(!line.pop_due(t0 + 999ms));
    BOOST_TEST(line.pop_due(t0 + 1s)->payload == 2);
    BOOST_TEST(line.pop_due(t0 + 1s)->payload == 3);
    BOOST_TEST(!line.pop_due(t0 + 2s));
    BOOST_TEST(line.pop_due(t0 + 10s)->payload == 1);
    BOOST_TEST(!line.next_due());
}

BOOST_AUTO_TEST_CASE(clear_drops_everything) {
    timeline<int> line;
    line.schedule(instant{1s}, 1);
    line.clear();
    BOOST_TEST(line.size() == 0u);
    BOOST_TEST(!line.pop_due(instant{100s}));
}

BOOST_AUTO_TEST_SUITE_END()
