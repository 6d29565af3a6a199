// unknown_field_message: the one message for a misspelt field of a body or a scenario file.
#include "server/support/unknown_field.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <string_view>

using emu::support::unknown_field_message;

BOOST_AUTO_TEST_SUITE(unknown_field)

constexpr std::array<std::string_view, 4> advance{"seconds", "ms", "to", "until_idle"};

BOOST_AUTO_TEST_CASE(names_the_field_and_the_nearest_known_one) {
    BOOST_TEST(unknown_field_message("second", advance) ==
               "unknown field \"second\"; did you mean \"seconds\"? This takes one of "
               "\"seconds\", \"ms\", \"to\" or \"until_idle\".");
}

BOOST_AUTO_TEST_CASE(leaves_the_hint_out_when_nothing_is_near) {
    BOOST_TEST(unknown_field_message("duration", advance) ==
               "unknown field \"duration\". This takes one of \"seconds\", \"ms\", \"to\" or "
               "\"until_idle\".");
}

BOOST_AUTO_TEST_SUITE_END()
