#include "server/scheduling/tenant_timelines.hpp"
#include "server/scheduling/timeline.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

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

BOOST_AUTO_TEST_CASE(tenant_timelines_keep_each_tenant_on_its_own_clock) {
    manual_clock base{instant{0s}};
    tenant_clocks clocks{base};
    tenant_timelines<int> lines;
    lines.schedule("a", instant{2s}, 1);
    lines.schedule("b", instant{3s}, 2);
    lines.schedule("a", instant{5s}, 3);
    BOOST_TEST((lines.next_due(clocks) == instant{2s}));
    clocks.set_offset("b", 2s); // b's 3 s entry is due at the emulator's 1 s
    BOOST_TEST((lines.next_due(clocks) == instant{1s}));
    BOOST_TEST((lines.next_due_of("b") == instant{3s})); // in b's own time
    std::vector<std::pair<std::string, int>> applied;
    const auto record = [&](std::string_view tenant, const timeline_entry<int>& entry) {
        applied.emplace_back(std::string{tenant}, entry.payload);
    };
    base.advance(1s);
    lines.run_due(clocks, record);
    BOOST_TEST_REQUIRE(applied.size() == 1u);
    BOOST_TEST(applied[0].first == "b");
    BOOST_TEST(!lines.next_due_of("b")); // drained, and dropped
    base.advance(4s);
    lines.run_due(clocks, record);
    BOOST_TEST(applied.size() == 3u);
    BOOST_TEST(!lines.next_due(clocks));
}

BOOST_AUTO_TEST_SUITE_END()
