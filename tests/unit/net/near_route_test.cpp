// path_distance and route_miss_hint over a small table, and how api_error carries hints.
#include "server/net/api_error.hpp"
#include "server/net/near_route.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace emu::net;

namespace {

route_table sample_table() {
    route_table table;
    table.add_surface({"/", {}, "the root's guide"});
    table.add_surface({"/_emulator/", {}});
    const auto add = [&table](http::verb method, const char* pattern) {
        table.add({method, path_pattern{pattern}, {}, [](const route_call&) {
                       return answer{};
                   }});
    };
    add(http::verb::get, "/v2/ocr/ocr_async");
    add(http::verb::post, "/v2/ocr/ocr_async");
    add(http::verb::get, "/v2/ocr/ocr_async/{public_id}");
    add(http::verb::post, "/v2/audio/speech_to_text_async");
    add(http::verb::get, "/_emulator/clock");
    add(http::verb::post, "/_emulator/clock/advance");
    return table;
}

std::string hint_of(const route_table& table, http::verb method, std::string_view path) {
    return route_hints{table}.miss(method, path, table.match(method, path));
}

} // namespace

BOOST_AUTO_TEST_SUITE(near_route)

BOOST_AUTO_TEST_CASE(path_distance_counts_edits_by_segment) {
    BOOST_TEST(path_distance("/v2/ocr/ocr_async", "/v2/ocr/ocr_async") == 0U);
    BOOST_TEST(path_distance("/v2/ocr/ocr-async/", "/v2/ocr/ocr_async") == 0U);
    BOOST_TEST(path_distance("/v2/ocr/ocr_asinc", "/v2/ocr/ocr_async") == 1U);
    BOOST_TEST(path_distance("/ocr/ocr_async", "/v2/ocr/ocr_async") == 3U); // "v2" missing
    BOOST_TEST(path_distance("/v2/ocr/ocr", "/v2/ocr/ocr_async") == 6U);    // too short
    BOOST_TEST(path_distance("/v2/audio/speech_to_text", "/v2/audio/speech_to_text_async") == 2U);
    BOOST_TEST(path_distance("/v2/ocr/ocr_async/any-id", "/v2/ocr/ocr_async/{public_id}") == 0U);
    BOOST_TEST(path_distance("/v2/ocr/ocr_async/a-long-job-id", "/v2/ocr/ocr_async") == 4U);
    BOOST_TEST(path_distance("/v2/ocr/ocr_async", "/v2/ocr/ocr_async/{public_id}") == 4U);
}

BOOST_AUTO_TEST_CASE(a_404_names_the_nearest_route_preferring_the_method_asked) {
    const auto table = sample_table();
    BOOST_TEST(hint_of(table, http::verb::post, "/v2/ocr/ocr_asinc") ==
               "no such route; did you mean POST /v2/ocr/ocr_async?");
    BOOST_TEST(hint_of(table, http::verb::get, "/v2/audio/speech_to_text") ==
               "no such route; did you mean /v2/audio/speech_to_text_async (it takes POST)?");
    BOOST_TEST(hint_of(table, http::verb::post, "/v2/image/ocr_async") ==
               "no such route; did you mean POST /v2/ocr/ocr_async?"); // the same last word
}

BOOST_AUTO_TEST_CASE(a_404_near_nothing_gets_the_guide_or_the_surfaces_routes) {
    const auto table = sample_table();
    BOOST_TEST(hint_of(table, http::verb::get, "/v9/zzz") == "no such route; the root's guide");
    BOOST_TEST(hint_of(table, http::verb::get, "/_emulator/zzz") ==
               "no such route under /_emulator/; these exist: /_emulator/clock, "
               "/_emulator/clock/advance");
}

BOOST_AUTO_TEST_CASE(a_405_names_the_methods_and_a_near_route_that_takes_the_method) {
    const auto table = sample_table();
    BOOST_TEST(hint_of(table, http::verb::post, "/v2/ocr/ocr_async/some-id") ==
               "/v2/ocr/ocr_async/{public_id} takes GET, not POST; did you mean POST "
               "/v2/ocr/ocr_async?");
    BOOST_TEST(hint_of(table, http::verb::delete_, "/_emulator/clock") ==
               "/_emulator/clock takes GET, not DELETE");
}

BOOST_AUTO_TEST_CASE(hints_join_and_become_safe_header_text) {
    auto error = api_error::not_found();
    BOOST_TEST(error.hint().empty());
    error.with_hint("").with_hint("first").with_hint("second\r\nInjected: \xc3\xa9");
    BOOST_TEST(error.hint() == "first; second??Injected: ??");
    BOOST_TEST(error.headers().size() == 1U);
    auto long_one = api_error::not_found();
    long_one.with_hint(std::string(5000, 'x'));
    BOOST_TEST(long_one.hint().size() == 2000U);
}

BOOST_AUTO_TEST_CASE(field_error_hints_reach_the_error_but_not_its_body) {
    field_errors errors;
    errors.add("providers", "bad");
    errors.add_hint("did you mean google?");
    const auto error = api_error::invalid(errors);
    BOOST_TEST(error.hint() == "did you mean google?");
    BOOST_TEST(error.body().at("error").at("message").as_object().size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_401_challenges_and_a_403_does_not) {
    BOOST_TEST(api_error::unauthenticated(401, "no").headers().size() == 1U);
    BOOST_TEST(api_error::unauthenticated(401, "no").headers()[0].first == "WWW-Authenticate");
    BOOST_TEST(api_error::unauthenticated(403, "no").headers().empty());
}

BOOST_AUTO_TEST_SUITE_END()
