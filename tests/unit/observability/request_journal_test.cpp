#include "server/observability/request_journal.hpp"
#include "server/support/iso_time.hpp"

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
    BOOST_TEST(valid_utf8("caf\xc3\xa9") == "caf\xc3\xa9");
    BOOST_TEST(valid_utf8("a\xff"
                          "b") == "a\xef\xbf\xbd"
                                  "b");
    BOOST_TEST(valid_utf8("\xc3") == "\xef\xbf\xbd");                                 // cut short
    BOOST_TEST(valid_utf8("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); // a surrogate
}

BOOST_AUTO_TEST_SUITE_END()
