// The emulator's one route table: every row resolves to itself, the README lists every route,
// and over HTTP a path's other methods get 405 with the table's Allow, after Eden's credentials.

#include "server/app/emulator.hpp"
#include "server/features/feature_table.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

using namespace emu;

namespace {

namespace http = net::http;

// The pattern with every {parameter} filled in ("/_emulator/jobs/{public_id}/force" ->
// "/_emulator/jobs/x-public_id/force").
std::string filled(const std::string& pattern) {
    return std::regex_replace(pattern, std::regex{R"(\{(\w+)\})"}, "x-$1");
}

// "METHOD /path/<param>" for each route of the README's control API table.
std::set<std::string> readme_control_routes() {
    std::ifstream in{EDENMOCK_README};
    std::stringstream text;
    text << in.rdbuf();
    std::set<std::string> found;
    const std::regex row{R"(\| `([A-Z]+)` \| `(/_emulator/[^`?]*))"};
    const auto all = text.str();
    for (auto it = std::sregex_iterator{all.begin(), all.end(), row}; it != std::sregex_iterator{};
         ++it) {
        found.insert((*it)[1].str() + " " + (*it)[2].str());
    }
    return found;
}

// The route as the README writes it: {parameter} becomes <parameter>.
std::string readme_form(const net::route& r) {
    return std::string{http::to_string(r.method)} + " " +
           std::regex_replace(r.path.text(), std::regex{R"(\{(\w+)\})"}, "<$1>");
}

struct emulator_fixture {
    app::emulator emulator{testing::test_emulator::default_options()};
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(route_table, emulator_fixture)

BOOST_AUTO_TEST_CASE(every_route_resolves_to_itself_with_its_parameters) {
    const auto& routes = emulator.routes().routes();
    BOOST_TEST_REQUIRE(!routes.empty());
    for (const auto& r : routes) {
        BOOST_TEST_CONTEXT(http::to_string(r.method) << " " << r.path.text()) {
            const auto path = filled(r.path.text());
            const auto match = emulator.routes().match(r.method, path);
            BOOST_TEST(match.found == &r);
            BOOST_TEST(emulator.routes().match(r.method, path + "/").found == &r);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_v2_feature_has_its_four_routes_and_traits_from_the_feature_table) {
    for (const auto& feature : features::all_features()) {
        BOOST_TEST_CONTEXT(feature.path) {
            const auto base = "/v2/" + std::string{feature.path};
            const auto list = emulator.routes().match(http::verb::get, base);
            const auto launch = emulator.routes().match(http::verb::post, base);
            const auto one = base + "/some-id"; // the match's parameters are views into it
            const auto get = emulator.routes().match(http::verb::get, one);
            const auto del = emulator.routes().match(http::verb::delete_, base);
            BOOST_TEST_REQUIRE(list.found != nullptr);
            BOOST_TEST_REQUIRE(launch.found != nullptr);
            BOOST_TEST_REQUIRE(get.found != nullptr);
            BOOST_TEST((del.found != nullptr) == feature.deletable);
            BOOST_TEST(list.found->traits.metrics_label == "list");
            BOOST_TEST(launch.found->traits.metrics_label == "launch");
            BOOST_TEST(get.found->traits.metrics_label == "get");
            BOOST_TEST(get.found->traits.feature == feature.path);
            BOOST_TEST((get.found->traits.auth == net::credentials::eden_bearer));
            BOOST_TEST(get.found->traits.journaled);
            BOOST_TEST(get.params["public_id"] == "some-id");
        }
    }
}

BOOST_AUTO_TEST_CASE(control_routes_take_no_credentials_and_only_await_skips_activity) {
    for (const auto& r : emulator.routes().routes()) {
        if (!r.path.text().starts_with("/_emulator/")) {
            continue;
        }
        BOOST_TEST_CONTEXT(r.path.text()) {
            BOOST_TEST((r.traits.auth == net::credentials::none));
            BOOST_TEST(!r.traits.journaled);
            BOOST_TEST(r.traits.metrics_label == "control");
            BOOST_TEST(r.traits.activity == (r.path.text() != "/_emulator/await"));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_readme_lists_exactly_the_control_routes_of_the_table) {
    std::set<std::string> in_table;
    for (const auto& r : emulator.routes().routes()) {
        if (r.path.text().starts_with("/_emulator/")) {
            in_table.insert(readme_form(r));
        }
    }
    // The README names parameters for readers (<name>, <delivery_id>); compare their places.
    const auto shape = [](const std::string& route) {
        return std::regex_replace(route, std::regex{R"(<\w+>)"}, "<>");
    };
    std::set<std::string> table_shapes;
    std::set<std::string> readme_shapes;
    for (const auto& r : in_table) {
        table_shapes.insert(shape(r));
    }
    for (const auto& r : readme_control_routes()) {
        readme_shapes.insert(shape(r));
    }
    BOOST_TEST(table_shapes == readme_shapes, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(route_table_over_http, testing::test_emulator)

BOOST_AUTO_TEST_CASE(another_method_on_a_known_path_is_405_with_the_tables_allow) {
    testing::http_client client{port()};
    const auto put = client.request("PUT", "/v2/ocr/ocr_async");
    BOOST_TEST(put.status == 405u);
    BOOST_TEST(put.header("allow") == "GET, POST, DELETE");
    const auto automl = client.request("DELETE", "/v2/image/automl_classification/train_async");
    BOOST_TEST(automl.status == 405u);
    BOOST_TEST(automl.header("allow") == "GET, POST");
    const auto scenarios = client.request("GET", "/_emulator/scenarios/reload");
    BOOST_TEST(scenarios.status == 405u);
    BOOST_TEST(scenarios.header("allow") == "POST, PUT, DELETE");
    const auto await = client.request("POST", "/_emulator/await/");
    BOOST_TEST(await.status == 405u);
    BOOST_TEST(await.header("allow") == "GET");
}

BOOST_AUTO_TEST_CASE(eden_routes_check_credentials_before_the_method_and_unknown_paths_do_not) {
    testing::http_client client{port()};
    // As Django REST Framework does: 403 for a known path without credentials, whatever the
    // method; an unknown path is a 404 with or without them.
    BOOST_TEST(client.request("PUT", "/v2/ocr/ocr_async", {}, {}, false).status == 403u);
    BOOST_TEST(client.request("GET", "/v2/ocr/ocr_async/x", {}, {}, false).status == 403u);
    BOOST_TEST(client.request("GET", "/v2/ocr/no_such_feature", {}, {}, false).status == 404u);
    BOOST_TEST(client.request("GET", "/v2/ocr/no_such_feature").status == 404u);
    BOOST_TEST(client.request("GET", "/_emulator/no-such-route").status == 404u);
    BOOST_TEST(client.request("GET", "/elsewhere").json().at("details").as_string() == "Not Found");
}

BOOST_AUTO_TEST_SUITE_END()
