#include "server/net/query_flags.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu::net;

BOOST_AUTO_TEST_SUITE(query_flag_parsing)

BOOST_AUTO_TEST_CASE(reads_only_the_query_it_is_given) {
    // The view ends before "XYZ": nothing past it may be read (boostorg/url#757).
    const std::string buffer = "response_as_dict=falseXYZ";
    field_errors errors;
    const query_flags flags{std::string_view{buffer}.substr(0, buffer.size() - 3), errors};
    BOOST_TEST((flags.get("response_as_dict") == std::optional<bool>{false}));
    BOOST_TEST(errors.empty());
}

BOOST_AUTO_TEST_CASE(accepts_drf_spellings_and_reports_bad_values) {
    field_errors errors;
    const query_flags flags{"show_base_64=0&show_original_response=True&response_as_dict=maybe",
                            errors};
    BOOST_TEST((flags.get("show_base_64") == std::optional<bool>{false}));
    BOOST_TEST((flags.get("show_original_response") == std::optional<bool>{true}));
    BOOST_TEST(!flags.get("absent").has_value());
    BOOST_TEST(errors.empty());
    BOOST_TEST(!flags.get("response_as_dict").has_value());
    BOOST_TEST(!errors.empty());
}

BOOST_AUTO_TEST_CASE(malformed_query_is_an_error) {
    field_errors errors;
    const query_flags flags{"a=%zz", errors};
    BOOST_TEST(!errors.empty());
    BOOST_TEST(!flags.get("a").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
