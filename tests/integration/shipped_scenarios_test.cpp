// Every shipped scenario file (scenarios/**/*.json) in an emulator of its own: the file loads,
// and a job following it does what the file's "expect" member declares (the format is in
// scenarios/README.md, "Declaring outcomes (expect)").
#include "server/features/feature_table.hpp"
#include "server/scenario/scenario_loader.hpp"
#include "server/support/iso_time.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/serialize.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace emu::testing;
namespace json = boost::json;
namespace fs = std::filesystem;
using emu::scheduling::duration;

const fs::path scenarios_dir{EDENMOCK_SCENARIOS_DIR};

// Every *.json file under scenarios/, relative to it, sorted.
std::vector<std::string> shipped_files() {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(scenarios_dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
            files.push_back(entry.path().lexically_relative(scenarios_dir).generic_string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string read_text(const fs::path& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Fails the test unless every key of `object` is one of `known`.
void require_known_keys(const json::object& object,
                        std::initializer_list<std::string_view> known,
                        const std::string& where) {
    for (const auto& member : object) {
        BOOST_TEST_REQUIRE(std::find(known.begin(), known.end(), member.key()) != known.end(),
                           where << ": unknown member \"" << member.key() << "\"");
    }
}

// An object member of `object`, or a test failure naming it.
const json::object&
require_object(const json::object& object, std::string_view key, const std::string& where) {
    const auto* value = object.if_contains(key);
    BOOST_TEST_REQUIRE((value != nullptr && value->is_object()),
                       where << "." << key << ": expected an object");
    return value->get_object();
}

// A file_url the feature accepts, for launches that do not give one.
std::string default_file_url(const emu::features::feature_spec& feature) {
    std::string extension{feature.file_extensions.substr(0, feature.file_extensions.find('|'))};
    if (extension.empty()) {
        const auto path = feature.path;
        extension = path.starts_with("audio/")   ? "wav"
                    : path.starts_with("image/") ? "png"
                    : path.starts_with("video/") ? "mp4"
                                                 : "pdf";
    }
    return "https://example.test/input." + extension;
}

// "at": a duration like "45s" (as in timelines) or a number of seconds.
duration parse_at(const json::value& value, const std::string& where) {
    std::optional<duration> parsed;
    if (value.is_string()) {
        parsed = emu::support::parse_duration(value.get_string());
    } else if (value.is_number()) {
        parsed = emu::support::parse_duration(std::to_string(value.to_number<double>()));
    }
    BOOST_TEST_REQUIRE(parsed.has_value(), where << ".at: expected a duration like \"45s\"");
    return *parsed;
}

// One job of a scenario, driven over HTTP on the manual clock.
class scenario_run {
public:
    explicit scenario_run(std::uint16_t port)
        : client_(port) {}

    void launch(const json::object& launch, const std::string& scenario_name) {
        const auto* feature_value = launch.if_contains("feature");
        BOOST_TEST_REQUIRE((feature_value != nullptr && feature_value->is_string()),
                           "expect.launch.feature: expected a feature path");
        const std::string feature_path{feature_value->get_string()};
        const auto* feature = emu::features::find_feature(feature_path);
        BOOST_TEST_REQUIRE(feature != nullptr,
                           "expect.launch.feature: unknown feature " << feature_path);
        BOOST_TEST_REQUIRE(launch.contains("providers"), "expect.launch.providers is missing");
        json::object body = launch;
        body.erase("feature");
        if (feature->input != emu::features::input_need::none && !body.contains("file_url")) {
            body["file_url"] = default_file_url(*feature);
        }
        base_ = "/v2/" + feature_path;
        const auto res = client_.request(
            "POST",
            base_,
            json::serialize(body),
            {{"Content-Type", "application/json"}, {"X-Edenmock-Scenario", scenario_name}});
        BOOST_TEST_REQUIRE(res.status == 200u, "launch: " << res.body);
        id_ = std::string{res.json().at("public_id").as_string()};
    }

    // Moves the manual clock to `at` after launch (never back).
    void advance_to(duration at, const std::string& where) {
        BOOST_TEST_REQUIRE(at >= elapsed_, where << ".at: goes back in time (checks are in order)");
        const auto by = (at - elapsed_).count();
        if (by > 0) {
            const std::string ms =
                std::to_string(by / 1000) + "." + std::to_string(1000 + by % 1000).substr(1);
            const auto res = client_.post_json("/_emulator/clock/advance", "{\"ms\": " + ms + "}");
            BOOST_TEST_REQUIRE(res.status == 200u, "clock advance: " << res.body);
        }
        elapsed_ = at;
    }

    // Makes GETs so that the next one is the `nth` GET of the job since launch.
    void poll_until_before(std::int64_t nth, const std::string& where) {
        BOOST_TEST_REQUIRE(nth > polls_,
                           where << ".polls: " << nth << " GETs were made already (" << polls_
                                 << "): polls must grow from check to check");
        while (polls_ + 1 < nth) {
            get();
        }
    }

    http_result get() {
        ++polls_;
        return client_.get(base_ + "/" + id_);
    }

private:
    http_client client_;
    std::string base_;
    std::string id_;
    duration elapsed_{};
    std::int64_t polls_ = 0;
};

// Runs one check: moves time and polls to its point, makes the observing GET, and asserts
// what the check declares.
void run_check(scenario_run& run, const json::value& check_value, const std::string& where) {
    BOOST_TEST_REQUIRE(check_value.is_object(), where << ": expected an object");
    const auto& check = check_value.get_object();
    require_known_keys(
        check, {"at", "polls", "http", "status", "error", "providers", "results"}, where);
    const bool asserts_body = check.contains("status") || check.contains("error") ||
                              check.contains("providers") || check.contains("results");
    BOOST_TEST_REQUIRE((asserts_body || check.contains("http")),
                       where << ": declares nothing to check (status, error, providers, results "
                                "or http)");
    if (const auto* at = check.if_contains("at")) {
        run.advance_to(parse_at(*at, where), where);
    }
    if (const auto* polls = check.if_contains("polls")) {
        BOOST_TEST_REQUIRE(polls->is_int64(), where << ".polls: expected an integer");
        run.poll_until_before(polls->get_int64(), where);
    }
    std::int64_t http_status = 200;
    if (const auto* http = check.if_contains("http")) {
        BOOST_TEST_REQUIRE(http->is_int64(), where << ".http: expected an HTTP status code");
        http_status = http->get_int64();
        BOOST_TEST_REQUIRE((http_status == 200 || !asserts_body),
                           where << ": status, error, providers and results need a 200 answer");
    }
    const auto res = run.get();
    BOOST_TEST_REQUIRE(static_cast<std::int64_t>(res.status) == http_status,
                       where << ": GET answered " << res.status << " " << res.body);
    if (!asserts_body) {
        return;
    }
    const auto body = res.json();
    BOOST_TEST_REQUIRE(body.is_object(), where << ": GET answered " << res.body);
    const auto& envelope = body.get_object();
    if (const auto* status = check.if_contains("status")) {
        BOOST_TEST(envelope.at("status") == *status,
                   where << ".status: " << envelope.at("status") << ", expected " << *status);
    }
    if (const auto* error = check.if_contains("error")) {
        BOOST_TEST(envelope.at("error") == *error,
                   where << ".error: " << envelope.at("error") << ", expected " << *error);
    }
    const auto& results = envelope.at("results").as_object();
    if (check.contains("providers")) {
        for (const auto& [provider, expected] : require_object(check, "providers", where)) {
            const auto* item = results.if_contains(provider);
            BOOST_TEST_REQUIRE(item != nullptr, where << ": no result item for " << provider);
            BOOST_TEST(item->at("final_status") == expected,
                       where << ".providers." << provider << ": " << item->at("final_status")
                             << ", expected " << expected);
        }
    }
    if (check.contains("results")) {
        for (const auto& [provider, fields] : require_object(check, "results", where)) {
            const auto* item = results.if_contains(provider);
            BOOST_TEST_REQUIRE(item != nullptr, where << ": no result item for " << provider);
            BOOST_TEST_REQUIRE(fields.is_object(),
                               where << ".results." << provider << ": expected an object");
            for (const auto& [field, expected] : fields.get_object()) {
                const auto* actual = item->as_object().if_contains(field);
                BOOST_TEST_REQUIRE(actual != nullptr,
                                   where << ".results." << provider << "." << field
                                         << ": the item has no such field");
                BOOST_TEST(*actual == expected,
                           where << ".results." << provider << "." << field << ": " << *actual
                                 << ", expected " << expected);
            }
        }
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(shipped_scenarios)

BOOST_AUTO_TEST_CASE(the_scenarios_folder_holds_the_default_and_the_library) {
    const auto files = shipped_files();
    BOOST_TEST((std::find(files.begin(), files.end(), "default.json") != files.end()));
    const auto library = std::count_if(
        files.begin(), files.end(), [](const auto& f) { return f.starts_with("library/"); });
    BOOST_TEST(library >= 9);
    for (const auto& file : files) {
        BOOST_TEST((file == "default.json" || file.starts_with("library/")),
                   file << " is outside scenarios/library/");
    }
}

BOOST_DATA_TEST_CASE(every_shipped_scenario_loads_and_does_what_its_expect_declares,
                     boost::unit_test::data::make(shipped_files()),
                     file) {
    const auto path = scenarios_dir / file;

    auto opts = test_emulator::default_options();
    opts.scenarios = path.string();
    std::unique_ptr<test_emulator> emulator;
    try {
        emulator = std::make_unique<test_emulator>(opts);
    } catch (const std::exception& e) {
        BOOST_FAIL(file << " does not load: " << e.what());
    }

    const auto document = emu::scenario::parse_scenario_json(read_text(path), file);
    const auto& root = document.as_object();
    const auto* expect_value = root.if_contains("expect");
    BOOST_TEST_REQUIRE(expect_value != nullptr,
                       file << " declares no \"expect\": every shipped scenario declares what "
                               "a job following it does");
    BOOST_TEST_REQUIRE(expect_value->is_object(), "expect: expected an object");
    const auto& expect = expect_value->get_object();
    require_known_keys(expect, {"launch", "checks"}, "expect");
    const auto* checks = expect.if_contains("checks");
    BOOST_TEST_REQUIRE((checks != nullptr && checks->is_array() && !checks->get_array().empty()),
                       "expect.checks: expected a non-empty array");

    scenario_run run{emulator->port()};
    run.launch(require_object(expect, "launch", "expect"),
               std::string{root.at("name").as_string()});
    std::size_t index = 0;
    for (const auto& check : checks->get_array()) {
        run_check(run, check, "expect.checks[" + std::to_string(index++) + "]");
    }
}

BOOST_AUTO_TEST_SUITE_END()
