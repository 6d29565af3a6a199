// scenario_warnings: what makes a valid scenario useless, named with what was meant.
#include "server/scenario/scenario_loader.hpp"
#include "server/scenario/scenario_warnings.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

using namespace emu::scenario;

namespace {

std::vector<std::string> warnings_of(std::string_view text) {
    return parse_scenario(text, "w.json").warnings;
}

using list = std::vector<std::string>;

} // namespace

BOOST_AUTO_TEST_SUITE(scenario_warnings_check)

BOOST_AUTO_TEST_CASE(a_scenario_that_can_match_has_none) {
    BOOST_TEST(warnings_of(R"({"name": "x", "match": {"feature": "audio/*", "api": "v2",
        "provider": ["google", "deepgram"], "model": "ocr/ocr_async/*"},
        "timelines": {"google": [{"after": "1s"}], "*": [{"after": "2s"}]}})")
                   .empty());
    BOOST_TEST(warnings_of(R"({"name": "x"})").empty());
}

BOOST_AUTO_TEST_CASE(an_unknown_provider_is_named_with_the_nearest_one) {
    BOOST_TEST(warnings_of(R"({"name": "x", "match": {"provider": "gogle"}})") ==
                   list{"match.provider \"gogle\" names no provider of any feature; did you mean "
                        "\"google\"?"},
               boost::test_tools::per_element());
    BOOST_TEST(warnings_of(R"({"name": "x", "timelines": {"amazn": [{"after": "1s"}]}})") ==
                   list{"timelines.amazn names no provider of any feature; did you mean "
                        "\"amazon\"?"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(patterns_that_match_nothing_are_named) {
    BOOST_TEST(
        warnings_of(
            R"({"name": "x", "match": {"feature": ["audio/*", "audio/speech_to_txt_async"]}})") ==
            list{"match.feature \"audio/speech_to_txt_async\" matches no v2 or v3 feature; did "
                 "you mean \"audio/speech_to_text_async\"?"},
        boost::test_tools::per_element());
    BOOST_TEST(warnings_of(R"({"name": "x", "match": {"feature": "podcasts/*"}})") ==
                   list{"match.feature \"podcasts/*\" matches no v2 or v3 feature"},
               boost::test_tools::per_element());
    BOOST_TEST(warnings_of(R"({"name": "x", "match": {"api": "v4"}})") ==
                   list{"match.api \"v4\" matches neither \"v2\" nor \"v3\""},
               boost::test_tools::per_element());
    BOOST_TEST(warnings_of(R"({"name": "x", "match": {"model": "ocr/ocr_async/amazn"}})") ==
                   list{"match.model \"ocr/ocr_async/amazn\" matches no v3 model; did you mean "
                        "\"ocr/ocr_async/amazon\"?"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(providers_none_of_the_matched_features_offer_are_named) {
    BOOST_TEST(
        warnings_of(R"({"name": "x", "match": {"feature": "ocr/*", "provider": "deepgram"}})") ==
            list{"match.provider names no provider of the features match.feature matches, "
                 "so no launch meets both"},
        boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_shipped_scenario_can_match) {
    for (const auto& folder : {std::filesystem::path{EDENMOCK_SCENARIOS_DIR},
                               std::filesystem::path{EDENMOCK_SCENARIOS_DIR} / "library"}) {
        for (const auto& loaded : load_scenarios(folder)) {
            BOOST_TEST_CONTEXT(loaded.name) {
                BOOST_TEST(loaded.warnings == list{}, boost::test_tools::per_element());
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
