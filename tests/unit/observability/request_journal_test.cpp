#include "server/observability/request_journal.hpp"
#include "server/support/iso_time.hpp"
#include "server/support/text.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu::observability;

namespace {

const emu::scheduling::instant start{std::chrono::seconds{1767225600}};

request_record record(std::string method,
                      std::string path,
                      unsigned status,
                      int second,
                      std::string tenant = "alice") {
    request_record r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.status = status;
    r.at = start + std::chrono::seconds{second};
    r.tenant = std::move(tenant);
    return r;
}

} // namespace

BOOST_AUTO_TEST_SUITE(request_journal_rules)

BOOST_AUTO_TEST_CASE(keeps_the_newest_records_and_counts_the_dropped) {
    request_journal journal{3};
    for (int i = 0; i < 5; ++i) {
        journal.add(record("GET", "/v2/x/" + std::to_string(i), 200, i));
    }
    const auto all = journal.select({});
    BOOST_TEST_REQUIRE(all.size() == 3u);
    BOOST_TEST(all.front().seq == 3u);
    BOOST_TEST(all.back().seq == 5u);
    BOOST_TEST(all.front().path == "/v2/x/2");
    BOOST_TEST(journal.dropped() == 2u);
    journal.reset("");
    BOOST_TEST(journal.select({}).empty());
    BOOST_TEST(journal.dropped() == 0u);
}

BOOST_AUTO_TEST_CASE(removing_a_tenant_keeps_the_others_and_the_sequence) {
    request_journal journal{10};
    journal.add(record("GET", "/v2/a", 200, 0, "alice"));
    journal.add(record("GET", "/v2/b", 200, 1, "bob"));
    journal.add(record("GET", "/v2/c", 200, 2, "alice"));
    BOOST_TEST(journal.reset("alice") == 2u);
    BOOST_TEST(journal.reset("carol") == 0u);
    const auto left = journal.select({});
    BOOST_TEST_REQUIRE(left.size() == 1u);
    BOOST_TEST(left.front().tenant == "bob");
    BOOST_TEST(journal.add(record("GET", "/v2/d", 200, 3, "alice")) == 4u);
}

BOOST_AUTO_TEST_CASE(hooks_hear_every_record_added_each_drop_and_each_reset_in_order) {
    request_journal journal{2};
    std::vector<std::string> heard;
    journal.observe({
        .added = [&](std::uint64_t seq) { heard.push_back("added " + std::to_string(seq)); },
        .dropped =
            [&](std::uint64_t first_kept) {
                heard.push_back("kept from " + std::to_string(first_kept));
            },
        .forgotten =
            [&](std::string_view tenant) {
                heard.push_back("forgot '" + std::string{tenant} + "'");
            },
    });
    journal.add(record("GET", "/v2/a", 200, 0, "alice"));
    journal.add(record("GET", "/v2/b", 200, 1, "bob"));
    journal.add(record("GET", "/v2/c", 200, 2, "alice")); // drops seq 1
    journal.reset("alice");
    journal.reset("");
    const std::vector<std::string> expected{
        "added 1", "added 2", "added 3", "kept from 2", "forgot 'alice'", "forgot ''"};
    BOOST_TEST(heard == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(counters_name_the_next_seq_the_drops_and_the_oldest_record) {
    request_journal journal{2};
    BOOST_TEST((journal.counters() == journal_counters{1, 0, 1}));
    for (int i = 0; i < 3; ++i) {
        journal.add(record("GET", "/v2/x", 200, i, i == 2 ? "bob" : "alice"));
    }
    BOOST_TEST((journal.counters() == journal_counters{4, 1, 2}));
    journal.reset("alice");
    BOOST_TEST((journal.counters() == journal_counters{4, 1, 3}));
    journal.reset("");
    BOOST_TEST((journal.counters() == journal_counters{4, 0, 4})); // empty: the next seq
}

BOOST_AUTO_TEST_CASE(a_range_holds_the_records_of_its_seqs) {
    request_journal journal{10};
    for (int i = 0; i < 6; ++i) {
        journal.add(record("GET", "/v2/x/" + std::to_string(i), 200, i));
    }
    const auto middle = journal.range(2, 4);
    BOOST_TEST_REQUIRE(middle.size() == 3u);
    BOOST_TEST(middle.front().seq == 2u);
    BOOST_TEST(middle.back().seq == 4u);
    BOOST_TEST(journal.range(7, 100).empty());
    BOOST_TEST(journal.counters().next_seq == 7u);
}

BOOST_AUTO_TEST_CASE(a_restored_journal_goes_on_from_its_counters_within_its_capacity) {
    request_journal source{10};
    for (int i = 0; i < 5; ++i) {
        source.add(record("GET", "/v2/x/" + std::to_string(i), 200, i));
    }
    request_journal restored{3};
    // Seq 1 was dropped after the chunk holding it was written: it is left out, not counted.
    restored.restore(source.select({}), {.next_seq = 6, .dropped = 5, .first_kept = 2});
    const auto kept = restored.select({});
    BOOST_TEST_REQUIRE(kept.size() == 3u);
    BOOST_TEST(kept.front().seq == 3u); // seq 2 dropped to fit
    BOOST_TEST(restored.dropped() == 6u);
    BOOST_TEST(restored.add(record("GET", "/v2/y", 200, 9)) == 6u);
    request_journal emptied{3};
    emptied.restore({}, {.next_seq = 42, .dropped = 0, .first_kept = 42}); // the seqs go on
    BOOST_TEST(emptied.add(record("GET", "/v2/z", 200, 9)) == 42u);
}

BOOST_AUTO_TEST_CASE(filters_combine_and_compare_as_documented) {
    request_journal journal{100};
    journal.add(record("POST", "/v2/audio/speech_to_text_async", 200, 0));
    journal.add(record("GET", "/v2/audio/speech_to_text_async/abc", 200, 1));
    journal.add(record("GET", "/v2/ocr/ocr_async/abc", 429, 2, "bob"));
    request_filter method;
    method.method = "get";
    BOOST_TEST(journal.select(method).size() == 2u);
    request_filter path;
    path.path = "/v2/audio/*";
    BOOST_TEST(journal.select(path).size() == 2u);
    request_filter status;
    status.status = 429;
    BOOST_TEST(journal.select(status).size() == 1u);
    request_filter tenant;
    tenant.tenant = "bob";
    BOOST_TEST(journal.select(tenant).at(0).status == 429u);
    request_filter window;
    window.since = start + std::chrono::seconds{1};
    window.until = start + std::chrono::seconds{1};
    const auto inside = journal.select(window);
    BOOST_TEST_REQUIRE(inside.size() == 1u);
    BOOST_TEST(inside[0].path == "/v2/audio/speech_to_text_async/abc");
}

BOOST_AUTO_TEST_CASE(route_kinds_have_their_names_once) {
    BOOST_TEST(to_string(route_kind::del) == "delete");
    BOOST_TEST(!route_kind_names.parse("poll"));
    BOOST_TEST((route_kind_names.parse("delete") == route_kind::del));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_replaced) {
    BOOST_TEST(emu::support::valid_utf8("caf\xc3\xa9") == "caf\xc3\xa9");
    BOOST_TEST(emu::support::valid_utf8("a\xff"
                                        "b") == "a\xef\xbf\xbd"
                                                "b");
    BOOST_TEST(emu::support::valid_utf8("\xc3") == "\xef\xbf\xbd"); // cut short
    BOOST_TEST(emu::support::valid_utf8("\xed\xa0\x80") ==
               "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); // a surrogate
}

BOOST_AUTO_TEST_SUITE_END()
