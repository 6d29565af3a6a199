// match_rules: which launches a scenario applies to.
#include "server/scenario/match_rules.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace emu;
using scenario::launch_facts;

namespace {

// Looks names up in a fixed map, as the launch's fields or headers.
auto lookup(std::map<std::string, std::string, std::less<>> values) {
    return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
        const auto found = values.find(name);
        return found == values.end() ? std::nullopt : std::optional<std::string>{found->second};
    };
}

// A speech-to-text launch by "team-a" with amazon and google on "call.wav", language "fr",
// header X-Test: yes.
launch_facts stt_launch() {
    launch_facts facts;
    facts.feature = "audio/speech_to_text_async";
    facts.tenant = "team-a";
    facts.providers = {"amazon", "google"};
    facts.file_name = "call.wav";
    facts.field = lookup({{"language", "fr"}, {"speakers", "2"}});
    facts.header = lookup({{"X-Test", "yes"}});
    return facts;
}

// Rules with the one condition only.
template <typename List>
scenario::match_rules only(List scenario::match_rules::*condition, List list) {
    scenario::match_rules rules;
    rules.*condition = std::move(list);
    return rules;
}

constexpr auto features = &scenario::match_rules::features;
constexpr auto providers = &scenario::match_rules::providers;
constexpr auto tenants = &scenario::match_rules::tenants;
constexpr auto file_names = &scenario::match_rules::file_names;
constexpr auto fields = &scenario::match_rules::fields;
constexpr auto headers = &scenario::match_rules::headers;

} // namespace

BOOST_AUTO_TEST_SUITE(match_rules)

BOOST_AUTO_TEST_CASE(rules_without_conditions_are_empty_and_match_every_launch) {
    const scenario::match_rules rules;
    BOOST_TEST(rules.empty());
    BOOST_TEST(rules.matches(stt_launch()));
    BOOST_TEST(rules.matches(launch_facts{}));
}

BOOST_AUTO_TEST_CASE(any_one_condition_makes_rules_non_empty) {
    BOOST_TEST(!only(features, {"*"}).empty());
    BOOST_TEST(!only(providers, {"amazon"}).empty());
    BOOST_TEST(!only(tenants, {"*"}).empty());
    BOOST_TEST(!only(file_names, {"*"}).empty());
    BOOST_TEST(!only(fields, {{"language", "*"}}).empty());
    BOOST_TEST(!only(headers, {{"X-Test", "*"}}).empty());
}

BOOST_AUTO_TEST_CASE(features_match_by_glob_and_any_listed_glob_may_match) {
    const auto facts = stt_launch();
    BOOST_TEST(only(features, {"audio/*"}).matches(facts));
    BOOST_TEST(only(features, {"audio/speech_to_text_async"}).matches(facts));
    BOOST_TEST(only(features, {"video/*", "*/speech_*"}).matches(facts));
    BOOST_TEST(!only(features, {"video/*"}).matches(facts));
    BOOST_TEST(!only(features, {"audio"}).matches(facts));
    BOOST_TEST(!only(features, {"Audio/*"}).matches(facts));
}

BOOST_AUTO_TEST_CASE(providers_match_exactly_when_any_requested_one_is_listed) {
    const auto facts = stt_launch();
    BOOST_TEST(only(providers, {"google"}).matches(facts));
    BOOST_TEST(only(providers, {"openai", "amazon"}).matches(facts));
    BOOST_TEST(!only(providers, {"openai"}).matches(facts));
    BOOST_TEST(!only(providers, {"amaz*"}).matches(facts));
}

BOOST_AUTO_TEST_CASE(tenants_match_by_glob) {
    const auto facts = stt_launch();
    BOOST_TEST(only(tenants, {"team-*"}).matches(facts));
    BOOST_TEST(only(tenants, {"team-[ab]"}).matches(facts));
    BOOST_TEST(!only(tenants, {"team-b"}).matches(facts));
}

BOOST_AUTO_TEST_CASE(file_names_match_by_glob_and_need_a_file) {
    auto facts = stt_launch();
    BOOST_TEST(only(file_names, {"*.wav"}).matches(facts));
    BOOST_TEST(only(file_names, {"*.mp3", "call.???"}).matches(facts));
    BOOST_TEST(!only(file_names, {"*.mp3"}).matches(facts));
    facts.file_name = "";
    BOOST_TEST(!only(file_names, {"*"}).matches(facts));
}

BOOST_AUTO_TEST_CASE(every_field_must_be_sent_and_match_its_glob) {
    const auto facts = stt_launch();
    BOOST_TEST(only(fields, {{"language", "f?"}}).matches(facts));
    BOOST_TEST(only(fields, {{"language", "fr"}, {"speakers", "[0-9]"}}).matches(facts));
    BOOST_TEST(!only(fields, {{"language", "en"}}).matches(facts));
    BOOST_TEST(!only(fields, {{"language", "fr"}, {"speakers", "3"}}).matches(facts));
    BOOST_TEST(!only(fields, {{"model", "*"}}).matches(facts));
}

BOOST_AUTO_TEST_CASE(every_header_must_be_sent_and_match_its_glob) {
    const auto facts = stt_launch();
    BOOST_TEST(only(headers, {{"X-Test", "y*"}}).matches(facts));
    BOOST_TEST(!only(headers, {{"X-Test", "no"}}).matches(facts));
    BOOST_TEST(!only(headers, {{"X-Other", "*"}}).matches(facts));
}

BOOST_AUTO_TEST_CASE(fields_and_headers_never_match_a_launch_that_offers_none) {
    launch_facts facts; // no field or header lookup at all
    BOOST_TEST(!only(fields, {{"language", "*"}}).matches(facts));
    BOOST_TEST(!only(headers, {{"X-Test", "*"}}).matches(facts));
}

BOOST_AUTO_TEST_CASE(every_condition_given_must_hold) {
    const auto facts = stt_launch();
    scenario::match_rules all;
    all.features = {"audio/*"};
    all.providers = {"amazon"};
    all.tenants = {"team-a"};
    all.file_names = {"*.wav"};
    all.fields = {{"language", "fr"}};
    all.headers = {{"X-Test", "yes"}};
    BOOST_TEST(all.matches(facts));
    auto one_off = all;
    one_off.tenants = {"team-b"};
    BOOST_TEST(!one_off.matches(facts));
    one_off = all;
    one_off.headers = {{"X-Test", "no"}};
    BOOST_TEST(!one_off.matches(facts));
}

BOOST_AUTO_TEST_SUITE_END()
