// trim, lower, iequals and bearer_token: the small text helpers every layer shares.
#include "server/support/text.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu::support;

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(trim_removes_outer_spaces_tabs_and_line_breaks_only) {
    BOOST_TEST(trim("  a b \t") == "a b");
    BOOST_TEST(trim("\r\n\tvalue\r\n") == "value");
    BOOST_TEST(trim("plain") == "plain");
    BOOST_TEST(trim("\va\v") == "\va\v");
}

BOOST_AUTO_TEST_CASE(trim_of_only_whitespace_is_empty) {
    BOOST_TEST(trim("").empty());
    BOOST_TEST(trim(" \t\r\n ").empty());
}

BOOST_AUTO_TEST_CASE(lower_changes_ascii_letters_only) {
    BOOST_TEST(lower("Audio/WAV; Charset=UTF-8") == "audio/wav; charset=utf-8");
    BOOST_TEST(lower("\xc3\x89t\xc3\xa9") == "\xc3\x89t\xc3\xa9"); // "Été" stays as it is
    BOOST_TEST(lower("").empty());
}

BOOST_AUTO_TEST_CASE(iequals_ignores_ascii_case_but_not_length) {
    BOOST_TEST(iequals("Content-Type", "content-TYPE"));
    BOOST_TEST(iequals("", ""));
    BOOST_TEST(!iequals("content-type", "content-typ"));
    BOOST_TEST(!iequals("content-type", "content_type"));
    BOOST_TEST(!iequals("\xc3\x89", "\xc3\xa9")); // É and é are not ASCII
}

BOOST_AUTO_TEST_CASE(bearer_token_takes_the_token_of_any_case_of_the_scheme) {
    BOOST_TEST(bearer_token("Bearer key-1").value_or("<none>") == "key-1");
    BOOST_TEST(bearer_token("bearer key-1").value_or("<none>") == "key-1");
    BOOST_TEST(bearer_token("BEARER key-1").value_or("<none>") == "key-1");
}

BOOST_AUTO_TEST_CASE(bearer_token_trims_the_token_and_keeps_inner_spaces) {
    BOOST_TEST(bearer_token("Bearer   key-1 \t").value_or("<none>") == "key-1");
    BOOST_TEST(bearer_token("Bearer a b").value_or("<none>") == "a b");
}

BOOST_AUTO_TEST_CASE(bearer_token_is_nullopt_for_another_scheme) {
    BOOST_TEST(!bearer_token("Basic dXNlcjpwYXNz"));
    BOOST_TEST(!bearer_token("Bearerkey-1"));
    BOOST_TEST(!bearer_token("Bear key-1"));
    BOOST_TEST(!bearer_token("key-1"));
}

BOOST_AUTO_TEST_CASE(bearer_token_is_nullopt_for_an_empty_token) {
    BOOST_TEST(!bearer_token(""));
    BOOST_TEST(!bearer_token("Bearer"));
    BOOST_TEST(!bearer_token("Bearer "));
    BOOST_TEST(!bearer_token("Bearer  \t "));
}

BOOST_AUTO_TEST_CASE(utf8_length_counts_characters_not_bytes) {
    BOOST_TEST(emu::support::utf8_length("") == 0u);
    BOOST_TEST(emu::support::utf8_length("abc") == 3u);
    BOOST_TEST(emu::support::utf8_length("caf\xc3\xa9") == 4u);                  // é: 2 bytes
    BOOST_TEST(emu::support::utf8_length("\xe2\x82\xac\xf0\x9f\x98\x80") == 2u); // € and 😀
    BOOST_TEST(emu::support::utf8_length("\xff\xfe") == 2u); // invalid bytes count one each
}

BOOST_AUTO_TEST_SUITE_END()
