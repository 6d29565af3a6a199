#include "server/scenario/scenario_catalog.hpp"
#include "server/scenario/scenario_loader.hpp"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace emu::scenario;

namespace {

// A launch of STT by "tenant-a" with amazon on "call.wav", language "fr", header X-Test: yes.
launch_facts stt_launch() {
    launch_facts facts;
    facts.feature = "audio/speech_to_text_async";
    facts.tenant = "tenant-a";
    facts.providers = {"amazon"};
    facts.file_name = "call.wav";
    facts.field = [](std::string_view name) -> std::optional<std::string> {
        return name == "language" ? std::optional<std::string>{"fr"} : std::nullopt;
    };
    facts.header = [](std::string_view name) -> std::optional<std::string> {
        return name == "X-Test" ? std::optional<std::string>{"yes"} : std::nullopt;
    };
    return facts;
}

scenario from(std::string_view text) {
    return parse_scenario(text, "test.json");
}

} // namespace

BOOST_AUTO_TEST_SUITE(scenario_matching)

BOOST_AUTO_TEST_CASE(each_rule_matches_and_rejects) {
    const auto facts = stt_launch();
    const std::map<std::string, std::pair<std::string, std::string>> rules{
        {"feature", {R"({"feature": "audio/*"})", R"({"feature": "video/*"})"}},
        {"provider", {R"({"provider": ["google", "amazon"]})", R"({"provider": "google"})"}},
        {"tenant", {R"({"tenant": "tenant-?"})", R"({"tenant": "other"})"}},
        {"file_name", {R"({"file_name": "*.wav"})", R"({"file_name": "*.mp3"})"}},
        {"fields", {R"({"fields": {"language": "fr"}})", R"({"fields": {"language": "en"}})"}},
        {"absent field", {R"({"fields": {"language": "*"}})", R"({"fields": {"speakers": "*"}})"}},
        {"headers", {R"({"headers": {"X-Test": "y*"}})", R"({"headers": {"X-Other": "*"}})"}},
    };
    for (const auto& [rule, cases] : rules) {
        BOOST_TEST_CONTEXT(rule) {
            BOOST_TEST(from(R"({"name": "s", "match": )" + cases.first + "}").match.matches(facts));
            BOOST_TEST(
                !from(R"({"name": "s", "match": )" + cases.second + "}").match.matches(facts));
        }
    }
}

BOOST_AUTO_TEST_CASE(all_given_rules_must_hold) {
    const auto facts = stt_launch();
    BOOST_TEST(!from(R"({"name": "s", "match": {"feature": "audio/*", "tenant": "x"}})")
                    .match.matches(facts));
    BOOST_TEST(from(R"({"name": "s", "match": {"feature": "audio/*", "tenant": "tenant-a"}})")
                   .match.matches(facts));
}

BOOST_AUTO_TEST_CASE(a_file_name_rule_needs_a_file) {
    auto facts = stt_launch();
    facts.file_name = {};
    BOOST_TEST(!from(R"({"name": "s", "match": {"file_name": "*"}})").match.matches(facts));
}

BOOST_AUTO_TEST_CASE(api_and_model_rules_need_a_launch_that_names_them) {
    auto facts = stt_launch();
    const auto rules =
        from(R"({"name": "s", "match": {"api": "v3", "model": "audio/*/deepgram*"}})").match;
    BOOST_TEST(!rules.matches(facts)); // a v2 launch: no model
    facts.api = "v3";
    facts.model = "audio/speech_to_text_async/deepgram/nova-3";
    BOOST_TEST(rules.matches(facts));
    facts.model = "audio/speech_to_text_async/amazon";
    BOOST_TEST(!rules.matches(facts));
    facts.api = "v2";
    facts.model = "audio/speech_to_text_async/deepgram";
    BOOST_TEST(!rules.matches(facts));
}

BOOST_AUTO_TEST_CASE(unknown_match_keys_are_errors) {
    BOOST_CHECK_EXCEPTION(
        from(R"({"name": "s", "match": {"feature": "a", "tenants": "x"}})"),
        load_error,
        [](const load_error& e) {
            return std::string{e.what()} ==
                   "test.json: match: unknown field \"tenants\"; did you mean \"tenant\"? This "
                   "takes one of \"feature\", \"api\", \"model\", \"provider\", \"tenant\", "
                   "\"file_name\", \"fields\" or \"headers\".";
        });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(scenario_selection)

BOOST_AUTO_TEST_CASE(highest_priority_match_wins_then_name_order) {
    scenario_catalog catalog;
    catalog.set_file_scenarios(
        {from(R"({"name": "b-audio", "match": {"feature": "audio/*"}})"),
         from(R"({"name": "a-audio", "match": {"feature": "audio/*"}})"),
         from(R"({"name": "video", "priority": 9, "match": {"feature": "video/*"}})")});
    BOOST_TEST(catalog.select(stt_launch())->name == "a-audio");
    catalog.put_runtime(
        from(R"({"name": "urgent", "priority": 5, "match": {"tenant": "tenant-a"}})"));
    BOOST_TEST(catalog.select(stt_launch())->name == "urgent");
}

BOOST_AUTO_TEST_CASE(nothing_matching_gives_the_built_in_default) {
    scenario_catalog catalog;
    catalog.set_file_scenarios({from(R"({"name": "video", "match": {"feature": "video/*"}})")});
    const auto chosen = catalog.select(stt_launch());
    BOOST_TEST(chosen->name == "default");
    BOOST_TEST(chosen->steps_for("amazon").at(0).after.count() == 2000000);
}

BOOST_AUTO_TEST_CASE(a_scenario_without_match_rules_applies_to_every_launch) {
    scenario_catalog catalog;
    catalog.set_file_scenarios(
        {from(R"({"name": "slow", "timelines": {"*": [{"after": "30s"}]}})")});
    BOOST_TEST(catalog.select(stt_launch())->name == "slow");
}

BOOST_AUTO_TEST_CASE(runtime_scenarios_shadow_files_and_can_be_removed) {
    scenario_catalog catalog;
    catalog.set_file_scenarios({from(R"({"name": "x", "description": "file"})")});
    catalog.put_runtime(from(R"({"name": "x", "description": "runtime"})"));
    BOOST_TEST(catalog.named("x")->description == "runtime");
    BOOST_TEST(catalog.remove_runtime("x"));
    BOOST_TEST(catalog.named("x")->description == "file");
    BOOST_TEST(!catalog.remove_runtime("x"));
    BOOST_TEST(!catalog.named("nope"));
    BOOST_TEST(catalog.named("default")); // the built-in one, by name
}

BOOST_AUTO_TEST_CASE(a_tenants_runtime_scenario_is_seen_by_that_tenant_only) {
    scenario_catalog catalog;
    catalog.set_file_scenarios({from(R"({"name": "x", "description": "file"})")});
    catalog.put_runtime(from(R"({"name": "x", "description": "mine"})"), "tenant-a");
    catalog.put_runtime(from(R"({"name": "solo", "priority": 3})"), "tenant-a");
    auto other = stt_launch();
    other.tenant = "tenant-b";
    // tenant-a's own "x" shadows the file's for tenant-a only; its "solo" wins its launches.
    BOOST_TEST(catalog.named("x", "tenant-a")->description == "mine");
    BOOST_TEST(catalog.named("x", "tenant-b")->description == "file");
    BOOST_TEST(!catalog.named("solo", "tenant-b"));
    BOOST_TEST(catalog.select(stt_launch())->name == "solo");
    BOOST_TEST(catalog.select(other)->name == "x");
    BOOST_TEST(catalog.active_for("tenant-a").size() == 3u); // solo, x (own), built-in default
    BOOST_TEST(catalog.active_for("tenant-b").size() == 2u); // x (file), default
    BOOST_TEST(catalog.active().size() == 4u);               // both x, solo, default
    // Removing needs the owner; removing the tenant removes all it owns.
    BOOST_TEST(!catalog.remove_runtime("solo"));
    BOOST_TEST(!catalog.remove_runtime("solo", "tenant-b"));
    BOOST_TEST(catalog.remove_runtime("solo", "tenant-a"));
    BOOST_TEST(catalog.reset("tenant-a") == 1u);
    BOOST_TEST(catalog.named("x", "tenant-a")->description == "file");
    BOOST_TEST(catalog.reset("tenant-a") == 0u);
}

BOOST_AUTO_TEST_CASE(equal_priorities_across_own_and_shared_scenarios_go_by_name) {
    scenario_catalog catalog;
    catalog.set_file_scenarios({from(R"({"name": "b-shared", "priority": 2})")});
    catalog.put_runtime(from(R"({"name": "c-own", "priority": 2})"), "tenant-a");
    BOOST_TEST(catalog.select(stt_launch())->name == "b-shared");
    catalog.put_runtime(from(R"({"name": "a-own", "priority": 2})"), "tenant-a");
    BOOST_TEST(catalog.select(stt_launch())->name == "a-own");
    BOOST_TEST(catalog.reset("") == 2u);
    BOOST_TEST(catalog.select(stt_launch())->name == "b-shared");
}

BOOST_AUTO_TEST_SUITE_END()
