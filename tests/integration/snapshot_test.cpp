// Snapshots: GET /_emulator/snapshot takes the state out, PUT puts it back, whole or one
// tenant's (a fork into another tenant), --restore loads one at start, and a bad document is
// refused with the field named and nothing changed.
#include "tests/integration/support/running_emulator.hpp"
#include "tests/integration/support/temp_file.hpp"
#include "tests/integration/support/webhook_receiver.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

using namespace emu::testing;
namespace json = boost::json;

namespace {

constexpr std::string_view stt = "/v2/audio/speech_to_text_async";
constexpr std::string_view v3_jobs = "/v3/universal-ai/async";

// Steps by time and by polls, a failing provider, and a literal result: every position a
// snapshot must keep.
constexpr std::string_view staged_scenario = R"({
    "timelines": {
        "amazon": [{"after": "1s", "status": "processing"},
                   {"after_polls": 2, "status": "finished", "result": {"text": "literal"}}],
        "google": [{"after": "3s", "status": "failed",
                    "error": {"type": "ProviderTimeout", "message": "too slow"}}],
        "*": [{"after": "2s", "status": "finished"}]
    }
})";

// What a client of the emulator sees of its jobs: each GET answer and the list, in order.
std::vector<std::string> observe(http_client& client, const std::vector<std::string>& targets) {
    std::vector<std::string> seen;
    for (const auto& target : targets) {
        const auto res = client.get(target);
        seen.push_back(std::to_string(res.status) + " " + res.body);
    }
    return seen;
}

std::string launch_v2(http_client& client, std::string_view providers) {
    const auto res = client.post_json(stt,
                                      R"({"file_url": "https://x.test/a.wav", "language": "en",
                                          "providers": ")" +
                                          std::string{providers} + "\"}");
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    return std::string{res.json().at("public_id").as_string()};
}

std::string launch_v3(http_client& client, const std::string& file_id) {
    const auto res = client.post_json(
        v3_jobs, R"({"model": "ocr/ocr_async/amazon", "input": {"file": ")" + file_id + "\"}}");
    BOOST_TEST_REQUIRE(res.status == 202u, res.body);
    return std::string{res.json().at("public_id").as_string()};
}

std::string upload(http_client& client) {
    const auto res =
        client.post_multipart("/v3/upload", {{"file", "%PDF-1.4\n", "a.pdf", "application/pdf"}});
    BOOST_TEST_REQUIRE(res.status == 200u, res.body);
    return std::string{res.json().at("file_id").as_string()};
}

// Every message of an Eden v2 field error body, one after the other.
std::string error_text(const http_result& res) {
    std::string text;
    const auto body = res.json();
    if (!body.is_object() || !body.as_object().contains("error")) {
        return res.body;
    }
    for (const auto& [field, messages] : body.at("error").at("message").as_object()) {
        for (const auto& message : messages.as_array()) {
            text += std::string{field} + ": " + std::string{message.as_string()} + "\n";
        }
    }
    return text;
}

http_result put_snapshot(http_client& client, std::string_view body, std::string_view query = {}) {
    return client.request("PUT",
                          "/_emulator/snapshot" + std::string{query},
                          body,
                          {{"Content-Type", "application/json"}});
}

// Jobs of every kind in one tenant: timed and poll-driven steps, a forced outcome, a faker job
// moved by polls, a v3 job on an uploaded file; some polled, the clock moved on. Returns the
// GET targets of every job plus the lists.
std::vector<std::string> prepare(running_emulator& f) {
    f.put_scenario("staged", staged_scenario);
    auto& client = f.client;
    const auto staged = client.post_json(
        stt, R"({"file_url": "https://x.test/a.wav", "providers": "amazon,google,openai"})");
    BOOST_TEST_REQUIRE(staged.status == 200u, staged.body);
    const std::string staged_id{staged.json().at("public_id").as_string()};
    const auto forced_id = launch_v2(client, "deepgram");
    const auto faker_id = launch_v2(client, "faker");
    const auto v3_id = launch_v3(client, upload(client));
    const auto forced = client.post_json("/_emulator/jobs/" + forced_id + "/force",
                                         R"({"status": "failed", "error": {"message": "no"}})");
    BOOST_TEST_REQUIRE(forced.status == 200u, forced.body);
    f.advance(1.5);
    std::vector<std::string> targets{std::string{stt} + "/" + staged_id,
                                     std::string{stt} + "/" + forced_id,
                                     std::string{stt} + "/" + faker_id,
                                     std::string{v3_jobs} + "/" + v3_id,
                                     std::string{stt},
                                     std::string{v3_jobs},
                                     "/v3/upload"};
    observe(client, {targets[0], targets[2]});
    return targets;
}

} // namespace

BOOST_AUTO_TEST_SUITE(snapshots)

BOOST_FIXTURE_TEST_CASE(a_snapshot_put_into_a_fresh_emulator_answers_exactly_like_the_original,
                        running_emulator) {
    const auto targets = prepare(*this);
    const auto taken = client.get("/_emulator/snapshot");
    BOOST_TEST_REQUIRE(taken.status == 200u);
    BOOST_TEST(taken.header("content-type") == "application/json");

    running_emulator fresh;
    const auto restored = put_snapshot(fresh.client, taken.body);
    BOOST_TEST_REQUIRE(restored.status == 200u, restored.body);
    BOOST_TEST(restored.json().at("restored").at("jobs").as_int64() == 4);
    BOOST_TEST(restored.json().at("restored").at("files").as_int64() == 1);
    // The copy's own snapshot is the same document, byte for byte.
    BOOST_TEST(fresh.client.get("/_emulator/snapshot").body == taken.body);

    // Then both answer every GET alike, as time passes and polls move poll-driven steps.
    for (double step : {0.0, 1.0, 5.0}) {
        advance(step);
        fresh.advance(step);
        const auto original = observe(client, targets);
        const auto copy = observe(fresh.client, targets);
        BOOST_TEST(original == copy, "after +" << step << " s");
    }
    // New launches continue both tenants' id sequences alike.
    BOOST_TEST(launch_v2(client, "amazon") == launch_v2(fresh.client, "amazon"));
}

BOOST_FIXTURE_TEST_CASE(a_tenant_snapshot_forks_into_other_tenants_that_then_go_their_own_way,
                        running_emulator) {
    http_client fixture{emulator.port(), "fixture"};
    const auto id = launch_v2(fixture, "amazon");
    const auto target = std::string{stt} + "/" + id;
    const auto prepared = fixture.get("/_emulator/snapshot?tenant=fixture");
    BOOST_TEST_REQUIRE(prepared.status == 200u);
    BOOST_TEST(json::parse(prepared.body).at("tenant") == "fixture");

    for (const std::string tenant : {"test-1", "test-2"}) {
        const auto forked = put_snapshot(client, prepared.body, "?tenant=" + tenant);
        BOOST_TEST_REQUIRE(forked.status == 200u, forked.body);
        BOOST_TEST(forked.json().at("restored").at("tenant").as_string() == tenant);
    }
    http_client first{emulator.port(), "test-1"};
    http_client second{emulator.port(), "test-2"};
    // The same job under the same id, answering as the fixture's does.
    BOOST_TEST(first.get(target).body == fixture.get(target).body);
    BOOST_TEST(second.get(target).status == 200u);
    // One tenant's clock moves its copy alone.
    const auto moved =
        client.post_json("/_emulator/clock/advance?tenant=test-1", R"({"seconds": 5})");
    BOOST_TEST_REQUIRE(moved.status == 200u, moved.body);
    BOOST_TEST(first.get(target).json().at("status") == "finished");
    BOOST_TEST(second.get(target).json().at("status") == "processing");
    BOOST_TEST(fixture.get(target).json().at("status") == "processing");
    // Jobs the fork deletes are gone from that tenant only.
    BOOST_TEST(first.del(stt).status / 100 == 2u);
    BOOST_TEST(first.get(target).status == 404u);
    BOOST_TEST(fixture.get(target).status == 200u);
    // Forcing picks a tenant's copy with ?tenant=.
    const auto forced = client.post_json("/_emulator/jobs/" + id + "/force?tenant=test-2",
                                         R"({"status": "finished"})");
    BOOST_TEST(forced.status == 200u, forced.body);
    BOOST_TEST(second.get(target).json().at("status") == "finished");
    BOOST_TEST(fixture.get(target).json().at("status") == "processing");
}

BOOST_FIXTURE_TEST_CASE(a_bad_snapshot_is_refused_naming_the_field_and_changes_nothing,
                        running_emulator) {
    prepare(*this);
    const auto before = client.get("/_emulator/snapshot").body;
    const auto valid = json::parse(before);
    // A copy of the valid document with one change.
    const auto with = [&valid](auto change) {
        auto copy = valid;
        change(copy.as_object());
        return json::serialize(copy);
    };
    const auto first_job = [](json::object& root) -> json::object& {
        return root["tenants"]
            .as_object()["test-token"]
            .as_object()["jobs"]
            .as_array()[0]
            .as_object();
    };

    struct bad_case {
        std::string body;
        std::string query;
        std::string message; // part of the 400's message
    };

    const std::vector<bad_case> cases{
        {"{\"edenmock_snapshot\": 1,", "", "not JSON"},
        {"[]", "", "$: expected an object"},
        {with([](json::object& root) { root.erase("edenmock_snapshot"); }),
         "",
         "$.edenmock_snapshot: missing"},
        {with([](json::object& root) { root["edenmock_snapshot"] = 2; }),
         "",
         "$.edenmock_snapshot: written by a newer edenmock (format 2); this one reads format 1"},
        {with([](json::object& root) { root["seed"] = 7; }),
         "",
         "the snapshot was taken with seed 7; this emulator runs with seed 42"},
        {before, "?tenant=other", "a snapshot of the whole emulator restores without ?tenant="},
        {with([](json::object& root) { root["tenant"] = "test-token"; }),
         "",
         "a snapshot of tenant \"test-token\" restores into a tenant"},
        {with([&](json::object& root) {
             first_job(root)["providers"].as_array()[0].as_object()["status"] = "done";
         }),
         "",
         "$.tenants.test-token.jobs[0].providers[0].status: expected \"processing\", "
         "\"finished\" or \"failed\""},
        {with([&](json::object& root) { first_job(root)["scenario"] = "gone"; }),
         "",
         "$.tenants.test-token.jobs[0].scenario: not a key of $.plans"},
        {with([&](json::object& root) { first_job(root)["created_at"] = "yesterday"; }),
         "",
         "$.tenants.test-token.jobs[0].created_at: expected a time"},
        {with([&](json::object& root) { first_job(root)["feature"] = "audio/nothing"; }),
         "",
         "$.tenants.test-token.jobs[0].feature: not a v2 async feature"},
        {with([&](json::object& root) {
             first_job(root)["providers"].as_array()[0].as_object()["shown"] = "timeline:9";
         }),
         "",
         "$.tenants.test-token.jobs[0].providers[0].shown: the scenario's timeline for amazon "
         "has 2 steps"},
        {with([&](json::object& root) { first_job(root)["polls"] = -1; }),
         "",
         "$.tenants.test-token.jobs[0].polls: expected a whole number"},
        {with([](json::object& root) {
             root["plans"].as_object()["staged"].as_object()["timelines"] = 3;
         }),
         "",
         "$.plans.staged: "},
    };
    for (const auto& bad : cases) {
        const auto res = put_snapshot(client, bad.body, bad.query);
        BOOST_TEST(res.status == 400u, bad.message);
        BOOST_TEST(error_text(res).find(bad.message) != std::string::npos, res.body);
    }
    BOOST_TEST(client.get("/_emulator/snapshot").body == before);
}

BOOST_AUTO_TEST_CASE(restore_loads_a_snapshot_at_start_and_refuses_a_bad_one_with_its_reason) {
    std::string taken;
    std::vector<std::string> targets;
    std::vector<std::string> seen;
    {
        running_emulator original;
        targets = prepare(original);
        taken = original.client.get("/_emulator/snapshot").body;
        seen = observe(original.client, targets);
    }
    const temp_file file{taken, ".json"};
    auto opts = test_emulator::default_options();
    opts.restore = file.path().string();
    opts.seed.reset(); // taken from the snapshot
    test_emulator restored{opts};
    http_client client{restored.port()};
    BOOST_TEST(observe(client, targets) == seen);

    const temp_file broken{R"({"edenmock_snapshot": 1, "seed": 42})", ".json"};
    opts.restore = broken.path().string();
    BOOST_CHECK_EXCEPTION(
        test_emulator{opts}, std::runtime_error, [&](const std::runtime_error& e) {
            BOOST_TEST(std::string{e.what()} == "--restore " + opts.restore + ": $.clock: missing");
            return true;
        });
}

BOOST_FIXTURE_TEST_CASE(webhooks_due_or_in_flight_when_taken_are_sent_by_the_copy,
                        running_emulator) {
    webhook_receiver receiver;
    receiver.script(behaviour::hang()); // the first attempt is in flight when the snapshot is taken
    put_scenario("late-hook",
                 R"({"timelines": {"*": [{"after": "1s"}]}, "webhook": {"delay": "10s"}})");
    const auto launch = [&](std::string_view path) {
        const auto res =
            client.post_json(stt,
                             R"({"file_url": "https://x.test/a.wav", "providers": "amazon",
                                              "webhook_receiver": ")" +
                                 receiver.url(path) + "\"}");
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
        return std::string{res.json().at("public_id").as_string()};
    };
    const auto in_flight = launch("/in-flight");
    advance(11); // its attempt is sent and hangs
    BOOST_TEST_REQUIRE(receiver.wait_for_requests(1, std::chrono::seconds{10}));
    const auto scheduled = launch("/scheduled"); // ends at +1 s, its attempt due at +11 s
    advance(2);
    const auto taken = client.get("/_emulator/snapshot");

    running_emulator fresh;
    BOOST_TEST_REQUIRE(put_snapshot(fresh.client, taken.body).status == 200u);
    // The attempt nobody will answer counts as failed, with a retry scheduled.
    const auto journal = fresh.client.get("/_emulator/webhooks?job=" + in_flight).json();
    const auto& first = journal.at("attempts").as_array().at(0);
    BOOST_TEST(first.at("status") == "failed");
    BOOST_TEST(std::string{first.at("error").as_string()}.find("no answer") == 0u);
    BOOST_TEST(!first.at("retry_at").is_null());
    const auto idle = fresh.client.post_json("/_emulator/clock/advance", R"({"until_idle": true})");
    BOOST_TEST_REQUIRE(idle.json().at("idle").as_bool(), idle.body);
    BOOST_TEST_REQUIRE(receiver.wait_for_requests(3, std::chrono::seconds{10}));
    const auto requests = receiver.requests();
    BOOST_TEST_REQUIRE(requests.size() == 3u);
    std::vector<std::string> targets;
    for (const auto& request : requests) {
        targets.push_back(request.target);
    }
    // The retry of the hung attempt and the scheduled one, each once.
    BOOST_TEST(std::count(targets.begin(), targets.end(), "/in-flight") == 2);
    BOOST_TEST(std::count(targets.begin(), targets.end(), "/scheduled") == 1);
    BOOST_TEST(requests[1].header("x-edenmock-delivery-id") ==
               requests[0].header("x-edenmock-delivery-id"));
    BOOST_TEST(requests[1].body == requests[0].body);
    BOOST_TEST(fresh.client.get("/_emulator/webhooks?job=" + scheduled)
                   .json()
                   .at("attempts")
                   .as_array()
                   .at(0)
                   .at("status") == "delivered");
    receiver.stop();
}

BOOST_AUTO_TEST_CASE(a_state_file_brings_back_the_state_and_the_generated_webhook_key) {
    const auto folder = std::filesystem::temp_directory_path() /
                        ("edenmock-state-" + std::to_string(::getpid()) + "-snapshot-test");
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    auto opts = test_emulator::default_options();
    opts.state = (folder / "state.db").string();
    std::string taken;
    std::string key;
    std::vector<std::string> targets;
    {
        running_emulator first{opts};
        targets = prepare(first);
        taken = first.client.get("/_emulator/snapshot").body;
        key = first.client.get("/_emulator/webhooks/public-key").body;
        observe(first.client, targets); // polls are written behind; a graceful stop keeps them
        taken = first.client.get("/_emulator/snapshot").body;
    }
    test_emulator second{opts};
    http_client client{second.port()};
    BOOST_TEST(client.get("/_emulator/snapshot").body == taken);
    BOOST_TEST(client.get("/_emulator/webhooks/public-key").body == key);
    std::filesystem::remove_all(folder);
}

BOOST_AUTO_TEST_SUITE_END()
