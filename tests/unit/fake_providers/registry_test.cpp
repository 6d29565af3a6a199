#include "fake_providers/registry_build.hpp"
#include "tests/unit/fake_providers/table_generators.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

using emu::fake::generated_result;
using emu::fake::generation_request;
using emu::fake::generator_family;
using emu::fake::launch_params;
using emu::fake::provider_generator;
using emu::features::feature_spec;

generated_result written_by(std::string_view name) {
    generated_result result;
    result.fields["by"] = name;
    return result;
}

generated_result alpha(const generation_request&) {
    return written_by("alpha");
}

generated_result generic(const generation_request&) {
    return written_by("generic");
}

constexpr std::string_view test_feature = "test/feature_async";
constexpr std::array<std::string_view, 2> alpha_and_beta{"alpha", "beta"};
constexpr std::array test_table{feature_spec{.path = test_feature, .providers = alpha_and_beta}};
constexpr std::array alpha_only{provider_generator{"alpha", alpha}};
constexpr std::array alpha_and_gamma{provider_generator{"alpha", alpha},
                                     provider_generator{"gamma", alpha}};

// The message of the std::logic_error that building throws, or "" when the registry builds.
std::string build_error(std::span<const generator_family> families) {
    try {
        emu::fake::build_registry(test_table, families);
    } catch (const std::logic_error& e) {
        return e.what();
    }
    return "";
}

// Who wrote the result the registry gives the test feature's provider.
std::string author(const emu::fake::registry& generators, std::string_view provider) {
    const auto fn = generators.find(test_feature, provider);
    BOOST_REQUIRE_MESSAGE(fn != nullptr, provider);
    const launch_params params;
    const generation_request request{.feature = test_feature,
                                     .provider = provider,
                                     .model = "",
                                     .job_id = "job-1",
                                     .seed = 42,
                                     .params = params,
                                     .file = nullptr,
                                     .resource_url_base = "http://127.0.0.1:8080",
                                     .original_response = false};
    return std::string{fn(request).fields.at("by").as_string()};
}

} // namespace

BOOST_AUTO_TEST_SUITE(registry)

BOOST_AUTO_TEST_CASE(every_provider_of_every_feature_of_the_table_has_a_generator) {
    for (const auto& feature : emu::features::all_features()) {
        for (const auto provider : feature.providers) {
            BOOST_TEST(emu::testing::default_generators().find(feature.path, provider) != nullptr,
                       feature.path << " / " << provider);
        }
    }
}

BOOST_AUTO_TEST_CASE(pairs_outside_the_feature_table_have_no_generator) {
    const auto& generators = emu::testing::default_generators();
    BOOST_TEST(generators.find("audio/text_to_speech_async", "some_new_provider") == nullptr);
    BOOST_TEST(generators.find("audio/no_such_feature_async", "amazon") == nullptr);
}

BOOST_AUTO_TEST_CASE(every_shipped_family_has_a_generic_generator_for_providers_eden_adds) {
    for (const auto& family : emu::fake::default_generator_families()) {
        BOOST_TEST(family.generic != nullptr, family.feature);
    }
}

BOOST_AUTO_TEST_CASE(a_provider_without_a_generator_of_its_own_gets_its_familys_generic_one) {
    const std::array families{
        generator_family{.feature = test_feature, .specific = alpha_only, .generic = generic}};
    const auto generators = emu::fake::build_registry(test_table, families);
    BOOST_TEST(author(generators, "alpha") == "alpha");
    BOOST_TEST(author(generators, "beta") == "generic");
}

BOOST_AUTO_TEST_CASE(a_table_provider_without_any_generator_fails_the_build_naming_it) {
    const std::array families{generator_family{.feature = test_feature, .specific = alpha_only}};
    BOOST_TEST(build_error(families) ==
               "fake provider registry: no generator for provider \"beta\" of "
               "\"test/feature_async\"");
}

BOOST_AUTO_TEST_CASE(a_feature_without_a_family_fails_the_build_naming_its_first_provider) {
    BOOST_TEST(build_error({}) == "fake provider registry: no generator for provider \"alpha\" of "
                                  "\"test/feature_async\"");
}

BOOST_AUTO_TEST_CASE(a_generator_for_a_provider_the_table_does_not_list_fails_the_build) {
    const std::array families{
        generator_family{.feature = test_feature, .specific = alpha_and_gamma, .generic = generic}};
    BOOST_TEST(build_error(families) ==
               "fake provider registry: generator for provider \"gamma\" of "
               "\"test/feature_async\", which the feature table does not list");
}

BOOST_AUTO_TEST_CASE(a_family_for_a_feature_the_table_does_not_list_fails_the_build) {
    const std::array families{
        generator_family{.feature = test_feature, .generic = generic},
        generator_family{.feature = "test/other_feature_async", .generic = generic}};
    BOOST_TEST(build_error(families) ==
               "fake provider registry: generator family for feature "
               "\"test/other_feature_async\", which the feature table does not list");
}

BOOST_AUTO_TEST_CASE(two_families_for_one_feature_fail_the_build) {
    const std::array families{generator_family{.feature = test_feature, .generic = generic},
                              generator_family{.feature = test_feature, .generic = alpha}};
    BOOST_TEST(build_error(families) ==
               "fake provider registry: two generator families for feature "
               "\"test/feature_async\"");
}

BOOST_AUTO_TEST_SUITE_END()
