// glob_matches: the one glob syntax of match rules, journal filters and host filters.
#include "server/support/glob.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using emu::support::glob_matches;

BOOST_AUTO_TEST_SUITE(glob)

BOOST_AUTO_TEST_CASE(a_pattern_without_specials_matches_only_the_same_text) {
    BOOST_TEST(glob_matches("abc", "abc"));
    BOOST_TEST(!glob_matches("abc", "abd"));
    BOOST_TEST(!glob_matches("abc", "ab"));
    BOOST_TEST(!glob_matches("abc", "abcd"));
    BOOST_TEST(!glob_matches("abc", "xabc"));
}

BOOST_AUTO_TEST_CASE(the_empty_pattern_matches_only_the_empty_text) {
    BOOST_TEST(glob_matches("", ""));
    BOOST_TEST(!glob_matches("", "a"));
    BOOST_TEST(!glob_matches("a", ""));
}

BOOST_AUTO_TEST_CASE(matching_is_case_sensitive) {
    BOOST_TEST(!glob_matches("Audio/*", "audio/speech_to_text_async"));
    BOOST_TEST(!glob_matches("[A-Z]", "a"));
    BOOST_TEST(glob_matches("Audio/*", "Audio/x"));
}

BOOST_AUTO_TEST_CASE(a_star_matches_any_run_of_characters_slashes_included) {
    BOOST_TEST(glob_matches("*", ""));
    BOOST_TEST(glob_matches("*", "any/thing at/all"));
    BOOST_TEST(glob_matches("audio/*", "audio/speech_to_text_async"));
    BOOST_TEST(glob_matches("/v2/*/jobs", "/v2/audio/speech_to_text_async/jobs"));
    BOOST_TEST(glob_matches("*.wav", "calls/2024/call.wav"));
    BOOST_TEST(!glob_matches("*.wav", "call.wav.mp3"));
    BOOST_TEST(!glob_matches("audio/*", "video/audio/x"));
}

BOOST_AUTO_TEST_CASE(a_trailing_star_also_matches_nothing) {
    BOOST_TEST(glob_matches("abc*", "abc"));
    BOOST_TEST(glob_matches("abc*", "abcdef"));
    BOOST_TEST(!glob_matches("abc*", "abd"));
    BOOST_TEST(glob_matches("abc***", "abc"));
}

BOOST_AUTO_TEST_CASE(a_double_star_is_the_same_as_one) {
    BOOST_TEST(glob_matches("a**b", "ab"));
    BOOST_TEST(glob_matches("a**b", "a/x/y/b"));
    BOOST_TEST(glob_matches("**", ""));
    BOOST_TEST(!glob_matches("a**b", "a/x/y/c"));
}

BOOST_AUTO_TEST_CASE(stars_give_back_characters_when_the_rest_needs_them) {
    BOOST_TEST(glob_matches("*ab", "aab"));
    BOOST_TEST(glob_matches("*ab", "ababab"));
    BOOST_TEST(glob_matches("a*b*c", "abbbc"));
    BOOST_TEST(glob_matches("a*b*c", "axbxcxbxc"));
    BOOST_TEST(glob_matches("*?x", "yyx"));
    BOOST_TEST(!glob_matches("a*b", "abc"));
    BOOST_TEST(!glob_matches("*a*a*a*a*a*b", std::string(200, 'a')));
}

BOOST_AUTO_TEST_CASE(a_question_mark_matches_exactly_one_character) {
    BOOST_TEST(glob_matches("?", "a"));
    BOOST_TEST(glob_matches("?", "/"));
    BOOST_TEST(glob_matches("a?c", "abc"));
    BOOST_TEST(!glob_matches("?", ""));
    BOOST_TEST(!glob_matches("?", "ab"));
    BOOST_TEST(!glob_matches("a?c", "ac"));
}

BOOST_AUTO_TEST_CASE(characters_are_bytes) {
    // "é" is two bytes in UTF-8.
    BOOST_TEST(!glob_matches("caf?", "caf\xc3\xa9"));
    BOOST_TEST(glob_matches("caf??", "caf\xc3\xa9"));
}

BOOST_AUTO_TEST_CASE(a_class_matches_one_listed_character) {
    BOOST_TEST(glob_matches("[abc]", "b"));
    BOOST_TEST(!glob_matches("[abc]", "d"));
    BOOST_TEST(!glob_matches("[abc]", "ab"));
    BOOST_TEST(!glob_matches("[abc]", ""));
    BOOST_TEST(glob_matches("file[12].wav", "file2.wav"));
}

BOOST_AUTO_TEST_CASE(a_class_may_hold_ranges) {
    BOOST_TEST(glob_matches("[a-c]", "a"));
    BOOST_TEST(glob_matches("[a-c]", "c"));
    BOOST_TEST(!glob_matches("[a-c]", "d"));
    BOOST_TEST(glob_matches("[0-9a-f][0-9a-f]", "7e"));
    BOOST_TEST(!glob_matches("[0-9a-f]", "g"));
    BOOST_TEST(!glob_matches("[z-a]", "m")); // a reversed range lists nothing
}

BOOST_AUTO_TEST_CASE(a_class_opened_by_bang_or_caret_matches_any_other_character) {
    BOOST_TEST(glob_matches("[!a]", "b"));
    BOOST_TEST(!glob_matches("[!a]", "a"));
    BOOST_TEST(glob_matches("[^a-c]", "d"));
    BOOST_TEST(!glob_matches("[^a-c]", "b"));
    BOOST_TEST(!glob_matches("[!a]", ""));
}

BOOST_AUTO_TEST_CASE(a_closing_bracket_first_in_a_class_is_listed) {
    BOOST_TEST(glob_matches("[]a]", "]"));
    BOOST_TEST(glob_matches("[]a]", "a"));
    BOOST_TEST(!glob_matches("[]a]", "b"));
    BOOST_TEST(glob_matches("[!]]", "a"));
    BOOST_TEST(!glob_matches("[!]]", "]"));
}

BOOST_AUTO_TEST_CASE(a_dash_first_or_last_in_a_class_is_listed) {
    BOOST_TEST(glob_matches("[a-]", "-"));
    BOOST_TEST(glob_matches("[-a]", "-"));
    BOOST_TEST(!glob_matches("[a-]", "b"));
}

BOOST_AUTO_TEST_CASE(specials_inside_a_class_are_ordinary) {
    BOOST_TEST(glob_matches("[*?]", "*"));
    BOOST_TEST(glob_matches("[*?]", "?"));
    BOOST_TEST(!glob_matches("[*?]", "a"));
}

BOOST_AUTO_TEST_CASE(a_bracket_without_a_closing_one_is_an_ordinary_character) {
    BOOST_TEST(glob_matches("[abc", "[abc"));
    BOOST_TEST(!glob_matches("[abc", "a"));
    BOOST_TEST(glob_matches("a[", "a["));
    BOOST_TEST(glob_matches("[", "["));
    BOOST_TEST(glob_matches("[]", "[]"));
    BOOST_TEST(glob_matches("[*", "[anything"));
}

BOOST_AUTO_TEST_CASE(a_backslash_makes_the_next_character_ordinary) {
    BOOST_TEST(glob_matches("\\*", "*"));
    BOOST_TEST(!glob_matches("\\*", "x"));
    BOOST_TEST(glob_matches("a\\?", "a?"));
    BOOST_TEST(!glob_matches("a\\?", "ab"));
    BOOST_TEST(glob_matches("\\[a]", "[a]"));
    BOOST_TEST(!glob_matches("\\[a]", "a"));
    BOOST_TEST(glob_matches("\\\\", "\\"));
    BOOST_TEST(glob_matches("\\a", "a"));
}

BOOST_AUTO_TEST_CASE(a_backslash_inside_a_class_escapes_too) {
    BOOST_TEST(glob_matches("[\\]]", "]"));
    BOOST_TEST(glob_matches("[a\\-z]", "-"));
    BOOST_TEST(!glob_matches("[a\\-z]", "m"));
}

BOOST_AUTO_TEST_CASE(a_trailing_backslash_matches_itself) {
    BOOST_TEST(glob_matches("a\\", "a\\"));
    BOOST_TEST(!glob_matches("a\\", "a"));
}

BOOST_AUTO_TEST_SUITE_END()
