#include "server/support/iso_time.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu::support;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(iso_time)

BOOST_AUTO_TEST_CASE(formats_naive_and_utc_with_microseconds) {
    const instant at{1767225600s + 1234567us};
    BOOST_TEST(format_naive(at) == "2026-01-01T00:00:01.234567");
    BOOST_TEST(format_utc(at) == "2026-01-01T00:00:01.234567Z");
}

BOOST_AUTO_TEST_CASE(every_field_is_written_zero_padded_and_far_years_in_full) {
    BOOST_TEST(format_utc(instant{1772659322s + 5us}) == "2026-03-04T21:22:02.000005Z");
    BOOST_TEST(format_utc(instant{-1s}) == "1969-12-31T23:59:59.000000Z");
    BOOST_TEST(format_utc(instant{-62135596800s}) == "0001-01-01T00:00:00.000000Z");
    BOOST_TEST(format_naive(instant{253402300800s}) == "10000-01-01T00:00:00.000000");
}

BOOST_AUTO_TEST_CASE(parses_the_iso_forms) {
    BOOST_TEST(parse_iso8601("2026-01-01")->time_since_epoch() == 1767225600s);
    BOOST_TEST(parse_iso8601("2026-01-01T00:00:00Z")->time_since_epoch() == 1767225600s);
    BOOST_TEST(parse_iso8601("2026-01-01T01:00:00+01:00")->time_since_epoch() == 1767225600s);
    BOOST_TEST(parse_iso8601("2026-01-01 00:00:00.5")->time_since_epoch() == 1767225600500000us);
    BOOST_TEST(parse_iso8601("2026-01-01T00:00")->time_since_epoch() == 1767225600s);
}

BOOST_AUTO_TEST_CASE(rejects_malformed_times) {
    for (const auto* bad : {"",
                            "2026",
                            "2026-13-01",
                            "2026-02-30",
                            "2026-01-01T25:00:00",
                            "2026-01-01T00:00:00X",
                            "2026-01-01T00:00:00.",
                            "yesterday"}) {
        BOOST_TEST(!parse_iso8601(bad), bad);
    }
}

BOOST_AUTO_TEST_CASE(parses_durations) {
    BOOST_TEST(parse_duration("2s")->count() == 2000000);
    BOOST_TEST(parse_duration("500ms")->count() == 500000);
    BOOST_TEST(parse_duration("1.5")->count() == 1500000);
    BOOST_TEST(parse_duration("2m")->count() == 120000000);
    BOOST_TEST(parse_duration("1h")->count() == 3600000000);
    for (const auto* bad : {"", "s", "-1s", "3 days", "1x"}) {
        BOOST_TEST(!parse_duration(bad), bad);
    }
}

BOOST_AUTO_TEST_SUITE_END()
