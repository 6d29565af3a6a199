// Hot reload of --scenarios files: a valid change takes effect, an invalid one is refused whole
// (the last good set stays) and its error is shown by the control API.
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>

namespace {

using namespace emu::testing;
namespace json = boost::json;

// A folder of scenario files that lives as long as the test.
struct scenario_folder {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("edenmock-reload-" + std::to_string(::getpid()) + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));

    scenario_folder() { std::filesystem::create_directories(path); }

    ~scenario_folder() { std::filesystem::remove_all(path); }

    void write(const std::string& name, const std::string& text) const {
        std::ofstream{path / name} << text;
    }
};

std::string description_of(http_client& client, std::string_view name) {
    const auto listed = client.get("/_emulator/scenarios").json();
    for (const auto& entry : listed.at("scenarios").as_array()) {
        if (entry.at("name").as_string() == name) {
            return std::string{entry.at("description").as_string()};
        }
    }
    return "<absent>";
}

emu::app::options options_for(const scenario_folder& folder, std::chrono::milliseconds reload) {
    auto opts = test_emulator::default_options();
    opts.scenarios = folder.path.string();
    opts.scenarios_reload = reload;
    return opts;
}

} // namespace

BOOST_AUTO_TEST_SUITE(scenario_reload)

BOOST_AUTO_TEST_CASE(a_valid_change_replaces_the_file_scenarios) {
    scenario_folder folder;
    folder.write("slow.json", R"({"name": "slow", "description": "v1"})");
    test_emulator emulator{options_for(folder, std::chrono::milliseconds{0})};
    http_client client{emulator.port()};
    BOOST_TEST(description_of(client, "slow") == "v1");
    folder.write("slow.json", R"({"name": "slow", "description": "version two"})");
    folder.write("more.json", R"({"name": "more"})");
    const auto res = client.post_json("/_emulator/scenarios/reload", "");
    BOOST_TEST(res.json() == json::parse(R"({"reloaded": true, "load_error": null})"));
    BOOST_TEST(description_of(client, "slow") == "version two");
    BOOST_TEST(description_of(client, "more") == "");
}

BOOST_AUTO_TEST_CASE(an_invalid_change_keeps_the_last_good_set_and_reports_the_error) {
    scenario_folder folder;
    folder.write("a.json", R"({"name": "a", "description": "good"})");
    test_emulator emulator{options_for(folder, std::chrono::milliseconds{0})};
    http_client client{emulator.port()};
    folder.write("a.json", R"({"name": "a", "description": "changed"})");
    folder.write("b.json", R"({"name": "b", "timelines": {"*": [{"after": "soon"}]}})");
    const auto res = client.post_json("/_emulator/scenarios/reload", "").json();
    BOOST_TEST(!res.at("reloaded").as_bool());
    BOOST_TEST(res.at("load_error").as_string() ==
               "b.json: timelines.*[0].after: expected duration like \"30s\"");
    BOOST_TEST(description_of(client, "a") == "good"); // nothing of the broken set was loaded
    BOOST_TEST(description_of(client, "b") == "<absent>");
    BOOST_TEST(client.get("/_emulator/scenarios")
                   .json()
                   .at("load_error")
                   .as_string()
                   .starts_with("b.json"));
    folder.write("b.json", R"({"name": "b"})");
    client.post_json("/_emulator/scenarios/reload", "");
    BOOST_TEST(client.get("/_emulator/scenarios").json().at("load_error").is_null());
    BOOST_TEST(description_of(client, "a") == "changed");
}

BOOST_AUTO_TEST_CASE(changed_files_are_picked_up_by_themselves) {
    scenario_folder folder;
    folder.write("w.json", R"({"name": "w", "description": "before"})");
    test_emulator emulator{options_for(folder, std::chrono::milliseconds{10})};
    http_client client{emulator.port()};
    folder.write("w.json", R"({"name": "w", "description": "after the change"})");
    // The watcher runs on real time: wait for the change, with a deadline.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    while (description_of(client, "w") != "after the change" &&
           std::chrono::steady_clock::now() < deadline) {
    }
    BOOST_TEST(description_of(client, "w") == "after the change");
}

BOOST_AUTO_TEST_CASE(reload_without_scenario_files_is_a_conflict) {
    test_emulator emulator;
    http_client client{emulator.port()};
    BOOST_TEST(client.post_json("/_emulator/scenarios/reload", "").status == 409u);
}

BOOST_AUTO_TEST_SUITE_END()
