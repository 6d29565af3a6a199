#include "server/net/route_table.hpp"

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

using namespace emu::net;

namespace {

// A handler that answers with the name of the route it serves, in a header.
std::function<answer(const route_call&)> named(std::string name) {
    return [name](const route_call&) {
        response res{http::status::ok, 11};
        res.set("x-route", name);
        return answer{std::move(res)};
    };
}

route_traits labelled(std::string_view label) {
    route_traits traits;
    traits.metrics_label = label;
    return traits;
}

route_table sample_table() {
    route_table table;
    table.add_surface({"/", labelled("other")});
    table.add_surface({"/_emulator/", labelled("control")});
    table.add(
        {http::verb::get, path_pattern{"/v2/ocr/ocr_async"}, labelled("list"), named("list")});
    table.add(
        {http::verb::post, path_pattern{"/v2/ocr/ocr_async"}, labelled("launch"), named("launch")});
    table.add({http::verb::get,
               path_pattern{"/v2/ocr/ocr_async/{public_id}"},
               labelled("get"),
               named("get")});
    table.add({http::verb::post,
               path_pattern{"/_emulator/jobs/{public_id}/force"},
               labelled("control"),
               named("force")});
    table.add({http::verb::get,
               path_pattern{"/_emulator/files/{public_id}/{provider}/{file}"},
               labelled("control"),
               named("file")});
    return table;
}

} // namespace

BOOST_AUTO_TEST_SUITE(route_table_suite)

BOOST_AUTO_TEST_CASE(a_path_is_cut_into_segments_ignoring_one_trailing_slash) {
    const path_segments plain{"/v2/ocr/ocr_async"};
    const path_segments slashed{"/v2/ocr/ocr_async/"};
    BOOST_TEST(plain.size() == 3u);
    BOOST_TEST(slashed.size() == 3u);
    BOOST_TEST(slashed[2] == "ocr_async");
    BOOST_TEST(path_segments{"/"}.size() == 0u);
    BOOST_TEST(path_segments{"/a//b"}.size() == 3u); // the empty segment stays, matching nothing
    std::string deep;
    for (int i = 0; i < 20; ++i) {
        deep += "/x";
    }
    BOOST_TEST(path_segments{deep}.overflow());
}

BOOST_AUTO_TEST_CASE(each_method_and_path_finds_its_route_with_its_parameters) {
    const auto table = sample_table();
    const auto get = table.match(http::verb::get, "/v2/ocr/ocr_async/abc/");
    BOOST_TEST_REQUIRE(get.found != nullptr);
    BOOST_TEST(get.found->traits.metrics_label == "get");
    BOOST_TEST(get.params["public_id"] == "abc");
    const auto file = table.match(http::verb::get, "/_emulator/files/j1/amazon/audio.wav");
    BOOST_TEST_REQUIRE(file.found != nullptr);
    BOOST_TEST(file.params["provider"] == "amazon");
    BOOST_TEST(file.params["file"] == "audio.wav");
    BOOST_TEST(file.params.find("nothing").empty());
    BOOST_CHECK_THROW(file.params["nothing"], std::out_of_range);
    const auto launch = table.match(http::verb::post, "/v2/ocr/ocr_async");
    BOOST_TEST_REQUIRE(launch.found != nullptr);
    BOOST_TEST(launch.found->traits.metrics_label == "launch");
}

BOOST_AUTO_TEST_CASE(a_known_path_with_another_method_lists_the_allowed_methods_in_table_order) {
    const auto table = sample_table();
    const auto put = table.match(http::verb::put, "/v2/ocr/ocr_async");
    BOOST_TEST(put.found == nullptr);
    BOOST_TEST_REQUIRE(put.same_path != nullptr);
    BOOST_TEST(put.allow == "GET, POST");
    const auto post = table.match(http::verb::post, "/v2/ocr/ocr_async/abc");
    BOOST_TEST(post.allow == "GET");
    BOOST_TEST(post.params["public_id"] == "abc");
}

BOOST_AUTO_TEST_CASE(an_unknown_path_matches_nothing_and_belongs_to_its_longest_surface) {
    const auto table = sample_table();
    const auto control = table.match(http::verb::get, "/_emulator/nothing");
    BOOST_TEST(control.found == nullptr);
    BOOST_TEST(control.same_path == nullptr);
    BOOST_TEST(control.allow.empty());
    BOOST_TEST(control.under->unmatched.metrics_label == "control");
    BOOST_TEST(table.match(http::verb::get, "/elsewhere").under->unmatched.metrics_label ==
               "other");
    // Parameters never match empty segments, and segment counts must agree.
    BOOST_TEST(table.match(http::verb::get, "/v2/ocr/ocr_async//").found == nullptr);
    BOOST_TEST(table.match(http::verb::post, "/_emulator/jobs//force").found == nullptr);
    BOOST_TEST(table.match(http::verb::get, "/v2/ocr/ocr_async/a/b").found == nullptr);
    BOOST_TEST(table.match(http::verb::get, "/v2/ocr").found == nullptr);
}

BOOST_AUTO_TEST_CASE(the_handler_of_the_matched_route_is_called) {
    const auto table = sample_table();
    const auto match = table.match(http::verb::post, "/_emulator/jobs/j1/force");
    BOOST_TEST_REQUIRE(match.found != nullptr);
    const request req{http::verb::post, "/_emulator/jobs/j1/force", 11};
    const auto result = match.found->handle(route_call{req, *match.found, match.params, {}});
    BOOST_TEST(result.res["x-route"] == "force");
}

BOOST_AUTO_TEST_CASE(a_route_cannot_be_added_twice_nor_have_a_bad_pattern) {
    auto table = sample_table();
    BOOST_CHECK_THROW(
        table.add(
            {http::verb::get, path_pattern{"/v2/ocr/ocr_async"}, labelled("list"), named("again")}),
        std::invalid_argument);
    BOOST_CHECK_THROW(path_pattern{"v2/no-slash"}, std::invalid_argument);
    BOOST_CHECK_THROW(path_pattern{"/a//b"}, std::invalid_argument);
    BOOST_CHECK_THROW(path_pattern{"/{a}/{b}/{c}/{d}/{e}"}, std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
