// edit_distance and nearest_word: the "did you mean" behind every near-miss hint.
#include "server/support/near_words.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <string_view>

using namespace emu::support;

BOOST_AUTO_TEST_SUITE(near_words)

BOOST_AUTO_TEST_CASE(edit_distance_counts_insertions_deletions_substitutions_and_swaps) {
    BOOST_TEST(edit_distance("", "") == 0U);
    BOOST_TEST(edit_distance("abc", "") == 3U);
    BOOST_TEST(edit_distance("", "abc") == 3U);
    BOOST_TEST(edit_distance("gogle", "google") == 1U);
    BOOST_TEST(edit_distance("google", "gogle") == 1U);
    BOOST_TEST(edit_distance("amazon", "amazin") == 1U);
    BOOST_TEST(edit_distance("ocr", "orc") == 1U); // a swap of neighbours is one slip
    BOOST_TEST(edit_distance("kitten", "sitting") == 3U);
}

BOOST_AUTO_TEST_CASE(edit_distance_ignores_case_and_dash_against_underscore) {
    BOOST_TEST(edit_distance("Speech-To-Text_async", "speech_to_text_async") == 0U);
    BOOST_TEST(edit_distance("A", "b") == 1U);
}

BOOST_AUTO_TEST_CASE(slip_distance_grows_with_the_word_up_to_three) {
    BOOST_TEST(slip_distance("") == 1U);
    BOOST_TEST(slip_distance("ocr") == 1U);
    BOOST_TEST(slip_distance("google") == 2U);
    BOOST_TEST(slip_distance("assemblyai") == 3U);
    BOOST_TEST(slip_distance("a_very_long_feature_name") == 3U);
}

constexpr std::array<std::string_view, 5> providers{
    "amazon", "assembly", "deepgram", "google", "openai"};

BOOST_AUTO_TEST_CASE(nearest_word_names_the_nearest_candidate_within_a_slip) {
    BOOST_TEST(nearest_word("assemblyai", providers).value() == "assembly");
    BOOST_TEST(nearest_word("gogle", providers).value() == "google");
    BOOST_TEST(nearest_word("Deepgram", providers).value() == "deepgram");
    BOOST_TEST(nearest_word("open-ai", providers).value() == "openai");
}

BOOST_AUTO_TEST_CASE(nearest_word_takes_a_start_or_end_of_a_candidate) {
    constexpr std::array<std::string_view, 2> features{"speech_to_text_async", "ocr_async"};
    BOOST_TEST(nearest_word("speech_to_text", features).value() == "speech_to_text_async");
    BOOST_TEST(!nearest_word("tables_ocr_async_v2", features).has_value());
}

BOOST_AUTO_TEST_CASE(nearest_word_is_empty_for_a_far_word_an_exact_one_or_no_candidates) {
    BOOST_TEST(!nearest_word("microsoft", providers).has_value());
    BOOST_TEST(!nearest_word("google", providers).has_value());
    BOOST_TEST(!nearest_word("x", providers).has_value());
    BOOST_TEST(!nearest_word("google", std::span<const std::string_view>{}).has_value());
}

BOOST_AUTO_TEST_CASE(nearest_word_prefers_the_first_of_equally_near_candidates) {
    constexpr std::array<std::string_view, 2> two{"abcd", "abce"};
    BOOST_TEST(nearest_word("abcx", two).value() == "abcd");
}

BOOST_AUTO_TEST_SUITE_END()
