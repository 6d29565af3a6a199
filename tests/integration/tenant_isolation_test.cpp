// Per-tenant isolation: runtime scenarios, fault counters, job ids, journals and webhook
// deliveries of one tenant (one API key) are its own, and POST /_emulator/reset?tenant= resets
// one tenant while the others go on, so parallel tests can share one emulator.
#include "tests/integration/support/running_emulator.hpp"
#include "tests/integration/support/webhook_receiver.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <chrono>
#include <map>
#include <thread>
#include <vector>

using namespace emu::testing;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

constexpr std::string_view stt = "/v2/audio/speech_to_text_async";
constexpr std::string_view launch_body =
    R"({"providers": "amazon", "file_url": "https://x.test/a.wav"})";

// The tenant's runtime scenario: jobs finish after `seconds`, and its second GET answers 429.
std::string tenant_scenario(int seconds) {
    return R"({"timelines": {"*": [{"after": ")" + std::to_string(seconds) +
           R"(s", "status": "finished"}]},
               "faults": [{"on": "get", "when": {"nth": 2}, "status": 429}]})";
}

// What one tenant's client did on its own thread; checked on the main thread afterwards
// (Boost.Test assertions are not thread-safe).
struct tenant_run {
    std::string key;
    unsigned put_status = 0;
    std::vector<std::string> ids;
    std::vector<unsigned> get_statuses; // one GET of each job, in launch order
};

// Puts the tenant's own "under-test" scenario, launches `jobs` jobs and GETs each once.
void run_tenant(std::uint16_t port, tenant_run& run, int jobs) {
    http_client client{port, run.key};
    run.put_status = client
                         .request("PUT",
                                  "/_emulator/scenarios/under-test?tenant=" + run.key,
                                  tenant_scenario(5),
                                  {{"Content-Type", "application/json"}})
                         .status;
    for (int i = 0; i < jobs; ++i) {
        const auto res = client.post_json(stt, launch_body);
        if (res.status == 200) {
            run.ids.emplace_back(res.json().at("public_id").as_string());
        }
    }
    for (const auto& id : run.ids) {
        run.get_statuses.push_back(client.get(std::string{stt} + "/" + id).status);
    }
}

// Launches one job per tenant whose webhook goes to the receiver's "/<tenant>"; their ids.
std::map<std::string, std::string> launch_with_webhooks(std::uint16_t port,
                                                        const std::vector<std::string>& tenants,
                                                        const webhook_receiver& receiver) {
    std::map<std::string, std::string> ids;
    for (const auto& tenant : tenants) {
        http_client own{port, tenant};
        const auto res =
            own.post_json(stt,
                          R"({"providers": "amazon", "file_url": "https://x.test/a.wav",
                                           "webhook_receiver": ")" +
                              receiver.url("/" + tenant) + "\"}");
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
        ids[tenant] = std::string{res.json().at("public_id").as_string()};
    }
    return ids;
}

std::size_t listed_jobs(http_client& client) {
    return client.get(stt).json().at("jobs").as_array().size();
}

std::size_t journal_size(http_client& client, const std::string& tenant) {
    return client.get("/_emulator/requests?tenant=" + tenant)
        .json()
        .at("requests")
        .as_array()
        .size();
}

// Names of the scenarios the tenant's calls choose from, with their owner ("" when shared).
std::vector<std::string> scenarios_seen_by(http_client& client, const std::string& tenant) {
    std::vector<std::string> names;
    const auto listed = client.get("/_emulator/scenarios?tenant=" + tenant).json();
    for (const auto& entry : listed.at("scenarios").as_array()) {
        const auto& owner = entry.at("tenant");
        names.push_back(std::string{entry.at("name").as_string()} + "@" +
                        (owner.is_null() ? std::string{} : std::string{owner.as_string()}));
    }
    return names;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(tenant_isolation, running_emulator)

BOOST_AUTO_TEST_CASE(parallel_tenants_share_one_emulator_and_one_is_reset_alone) {
    constexpr int tenants = 4;
    constexpr int jobs = 5;
    std::array<tenant_run, tenants> runs;
    {
        std::vector<std::jthread> threads;
        for (int t = 0; t < tenants; ++t) {
            runs[static_cast<std::size_t>(t)].key = "tenant-" + std::to_string(t);
            threads.emplace_back([this, &runs, t] {
                run_tenant(emulator.port(), runs[static_cast<std::size_t>(t)], jobs);
            });
        }
    }
    for (const auto& run : runs) {
        BOOST_TEST_CONTEXT(run.key) {
            BOOST_TEST(run.put_status == 200u);
            BOOST_TEST_REQUIRE(run.ids.size() == static_cast<std::size_t>(jobs));
            // Each tenant's own nth-GET counter: its second GET, whatever the others did.
            const std::vector<unsigned> expected{200, 429, 200, 200, 200};
            BOOST_TEST(run.get_statuses == expected, boost::test_tools::per_element());
            http_client own{emulator.port(), run.key};
            BOOST_TEST(listed_jobs(own) == static_cast<std::size_t>(jobs));
            // Its launches, GETs and the list just made.
            BOOST_TEST(journal_size(own, run.key) == static_cast<std::size_t>(2 * jobs + 1));
            const std::vector<std::string> seen{"under-test@" + run.key, "default@"};
            BOOST_TEST(scenarios_seen_by(own, run.key) == seen, boost::test_tools::per_element());
        }
    }
    BOOST_TEST(client.get("/_emulator/scenarios").json().at("scenarios").as_array().size() ==
               static_cast<std::size_t>(tenants + 1));

    // tenant-0 is reset while the other tenants keep polling their jobs.
    std::array<std::vector<unsigned>, tenants> later;
    json::value answer;
    {
        std::vector<std::jthread> pollers;
        for (int t = 1; t < tenants; ++t) {
            pollers.emplace_back([this, &runs, &later, t] {
                const auto index = static_cast<std::size_t>(t);
                http_client own{emulator.port(), runs[index].key};
                for (const auto& id : runs[index].ids) {
                    later[index].push_back(own.get(std::string{stt} + "/" + id).status);
                }
            });
        }
        answer = client.post_json("/_emulator/reset?tenant=tenant-0", "").json();
    }
    BOOST_TEST(answer.at("tenant").as_string() == "tenant-0");
    BOOST_TEST(answer.at("deleted_jobs").as_int64() == jobs);
    BOOST_TEST(answer.at("deleted_scenarios").as_int64() == 1);

    http_client reset_one{emulator.port(), "tenant-0"};
    BOOST_TEST(listed_jobs(reset_one) == 0u);
    BOOST_TEST(reset_one.get(std::string{stt} + "/" + runs[0].ids[0]).status == 404u);
    BOOST_TEST(journal_size(client, "tenant-0") == 2u); // the list and the GET just made
    const std::vector<std::string> shared_only{"default@"};
    BOOST_TEST(scenarios_seen_by(client, "tenant-0") == shared_only,
               boost::test_tools::per_element());
    for (int t = 1; t < tenants; ++t) {
        const auto& run = runs[static_cast<std::size_t>(t)];
        BOOST_TEST_CONTEXT(run.key) {
            BOOST_TEST(later[static_cast<std::size_t>(t)] == std::vector<unsigned>(jobs, 200),
                       boost::test_tools::per_element());
            http_client own{emulator.port(), run.key};
            BOOST_TEST(listed_jobs(own) == static_cast<std::size_t>(jobs));
            BOOST_TEST(journal_size(client, run.key) == static_cast<std::size_t>(3 * jobs + 2));
            BOOST_TEST(scenarios_seen_by(client, run.key).size() == 2u);
        }
    }

    // The reset tenant starts over: its scenario put again counts GETs from one.
    tenant_run again{"tenant-0", 0, {}, {}};
    run_tenant(emulator.port(), again, 2);
    const std::vector<unsigned> fresh{200, 429};
    BOOST_TEST(again.get_statuses == fresh, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(same_named_scenarios_of_two_tenants_give_each_its_own_timeline) {
    for (const auto& [tenant, seconds] : {std::pair{"fast", 1}, std::pair{"slow", 5}}) {
        const auto res =
            client.request("PUT",
                           "/_emulator/scenarios/under-test?tenant=" + std::string{tenant},
                           tenant_scenario(seconds),
                           {{"Content-Type", "application/json"}});
        BOOST_TEST_REQUIRE(res.status == 200u, res.body);
        BOOST_TEST(res.json().at("tenant").as_string() == tenant);
    }
    http_client fast{emulator.port(), "fast"};
    http_client slow{emulator.port(), "slow"};
    const auto fast_id =
        std::string{fast.post_json(stt, launch_body).json().at("public_id").as_string()};
    const auto slow_id =
        std::string{slow.post_json(stt, launch_body).json().at("public_id").as_string()};
    advance(1);
    BOOST_TEST(fast.get(std::string{stt} + "/" + fast_id).json().at("status") == "finished");
    BOOST_TEST(slow.get(std::string{stt} + "/" + slow_id).json().at("status") == "processing");
    // A third tenant sees neither: its launches follow the shared default (2 s).
    http_client other{emulator.port(), "other"};
    const auto naming = other.request(
        "POST",
        stt,
        launch_body,
        {{"Content-Type", "application/json"}, {"X-Edenmock-Scenario", "under-test"}});
    BOOST_TEST(naming.status == 400u);
    BOOST_TEST(naming.body.find("Unknown scenario") != std::string::npos, naming.body);
    // Deleting needs the owner.
    BOOST_TEST(client.del("/_emulator/scenarios/under-test").status == 404u);
    const auto gone = client.del("/_emulator/scenarios/under-test?tenant=other");
    BOOST_TEST(gone.status == 404u);
    BOOST_TEST(gone.body.find("of tenant \\\"other\\\"") != std::string::npos, gone.body);
    BOOST_TEST(client.del("/_emulator/scenarios/under-test?tenant=fast").status == 204u);
}

BOOST_AUTO_TEST_CASE(a_tenants_ids_and_results_do_not_depend_on_other_tenants) {
    // This emulator: tenant "a" alone. A second one with the same seed: "b" launches between
    // each of "a"'s launches. "a" gets the same ids and the same results in both.
    running_emulator busy;
    http_client a_here{emulator.port(), "a"};
    http_client a_there{busy.emulator.port(), "a"};
    http_client b_there{busy.emulator.port(), "b"};
    std::vector<std::string> here;
    std::vector<std::string> there;
    for (int i = 0; i < 3; ++i) {
        here.emplace_back(a_here.post_json(stt, launch_body).json().at("public_id").as_string());
        BOOST_TEST_REQUIRE(b_there.post_json(stt, launch_body).status == 200u);
        there.emplace_back(a_there.post_json(stt, launch_body).json().at("public_id").as_string());
    }
    BOOST_TEST(here == there, boost::test_tools::per_element());
    advance(2);
    busy.advance(2);
    BOOST_TEST(a_here.get(std::string{stt} + "/" + here[2]).body ==
               a_there.get(std::string{stt} + "/" + there[2]).body);
}

BOOST_AUTO_TEST_CASE(a_tenant_reset_cancels_its_webhooks_only) {
    webhook_receiver receiver;
    put_scenario("delayed", R"({"webhook": {"delay": "10s"}})");
    launch_with_webhooks(emulator.port(), {"a", "b"}, receiver);
    advance(2); // both jobs end; their deliveries wait 10 s
    BOOST_TEST(client.post_json("/_emulator/reset?tenant=a", "").status == 200u);
    advance(10);
    BOOST_TEST(emulator.wait_webhooks_settled());
    const auto b_delivered = client.get("/_emulator/await?webhook=1&tenant=b&timeout=1s");
    BOOST_TEST(b_delivered.status == 200u, b_delivered.body);
    BOOST_TEST(client.get("/_emulator/await?webhook=1&tenant=a&timeout=0s").status == 408u);
    const auto requests = receiver.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(requests[0].target == "/b");
    BOOST_TEST(client.get("/_emulator/webhooks?tenant=a").json().at("attempts").as_array().empty());
    BOOST_TEST(client.get("/_emulator/webhooks?tenant=b").json().at("attempts").as_array().size() ==
               1u);
    // Nothing of tenant a is left due: the clock runs idle at once.
    const auto idle = client.post_json("/_emulator/clock/advance", R"({"until_idle": true})");
    BOOST_TEST(idle.json().at("idle").as_bool());
}

BOOST_AUTO_TEST_CASE(a_tenants_own_clock_moves_only_its_jobs_and_deliveries) {
    webhook_receiver receiver;
    auto ids = launch_with_webhooks(emulator.port(), {"ahead", "behind"}, receiver);
    const auto moved =
        client.post_json("/_emulator/clock/advance?tenant=ahead", R"({"seconds": 2})");
    BOOST_TEST_REQUIRE(moved.status == 200u, moved.body);
    BOOST_TEST(moved.json() ==
               json::parse(R"({"mode": "manual", "now": "2026-01-01T00:00:02.000000Z",
        "epoch_ms": 1767225602000, "tenant": "ahead", "ahead_ms": 2000})"));
    BOOST_TEST(client.get("/_emulator/clock").json().at("now") == "2026-01-01T00:00:00.000000Z");

    http_client ahead{emulator.port(), "ahead"};
    http_client behind{emulator.port(), "behind"};
    BOOST_TEST(ahead.get(std::string{stt} + "/" + ids["ahead"]).json().at("status") == "finished");
    BOOST_TEST(behind.get(std::string{stt} + "/" + ids["behind"]).json().at("status") ==
               "processing");
    // The tenant's webhook went out at its time; its journals show its time.
    BOOST_TEST(emulator.wait_webhooks_settled());
    BOOST_TEST_REQUIRE(receiver.requests().size() == 1u);
    BOOST_TEST(receiver.requests()[0].target == "/ahead");
    const auto attempts = client.get("/_emulator/webhooks?tenant=ahead").json().at("attempts");
    BOOST_TEST(attempts.at(0).at("sent_at") == "2026-01-01T00:00:02.000000Z");
    const auto polls = client.get("/_emulator/requests?tenant=ahead&kind=get").json();
    BOOST_TEST(polls.at("requests").at(0).at("at") == "2026-01-01T00:00:02.000000Z");

    // The emulator's clock moves every tenant's: "ahead" stays 2 s ahead.
    advance(2);
    BOOST_TEST(behind.get(std::string{stt} + "/" + ids["behind"]).json().at("status") ==
               "finished");
    const auto state = client.get("/_emulator/clock?tenant=ahead").json();
    BOOST_TEST(state.at("now") == "2026-01-01T00:00:04.000000Z");
    BOOST_TEST(state.at("ahead_ms").as_int64() == 2000);
    BOOST_TEST(emulator.wait_webhooks_settled());
    BOOST_TEST(receiver.requests().size() == 2u);

    // A tenant's clock never goes back, runs until idle alone, and a reset rejoins the emulator's.
    const auto back = client.post_json("/_emulator/clock/advance?tenant=ahead",
                                       R"({"to": "2026-01-01T00:00:03Z"})");
    BOOST_TEST(back.status == 400u);
    BOOST_TEST(back.body.find("00:00:04") != std::string::npos, back.body);
    http_client third{emulator.port(), "third"};
    const auto slow_id =
        std::string{third.post_json(stt, launch_body).json().at("public_id").as_string()};
    const auto idle =
        client.post_json("/_emulator/clock/advance?tenant=third", R"({"until_idle": true})").json();
    BOOST_TEST(idle.at("idle").as_bool());
    BOOST_TEST(idle.at("ahead_ms").as_int64() == 2000); // its job's 2 s
    BOOST_TEST(third.get(std::string{stt} + "/" + slow_id).json().at("status") == "finished");
    BOOST_TEST(client.post_json("/_emulator/reset?tenant=ahead", "").status == 200u);
    BOOST_TEST(client.get("/_emulator/clock?tenant=ahead").json().at("ahead_ms").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(a_tenant_parameter_must_name_a_key) {
    // Each answers 400 in Eden's field-error format, naming "tenant"; nothing is reset or put.
    const auto id =
        std::string{client.post_json(stt, launch_body).json().at("public_id").as_string()};
    for (const auto& [method, target] : {std::pair{"POST", "/_emulator/reset?tenant="},
                                         std::pair{"PUT", "/_emulator/scenarios/x?tenant="},
                                         std::pair{"DELETE", "/_emulator/scenarios/x?tenant="},
                                         std::pair{"GET", "/_emulator/scenarios?tenant="},
                                         std::pair{"GET", "/_emulator/clock?tenant="},
                                         std::pair{"POST", "/_emulator/clock/advance?tenant="}}) {
        BOOST_TEST_CONTEXT(method << " " << target) {
            const auto res =
                client.request(method, target, "{}", {{"Content-Type", "application/json"}});
            BOOST_TEST(res.status == 400u);
            BOOST_TEST(res.json().at("error").at("message").as_object().contains("tenant"),
                       res.body);
        }
    }
    BOOST_TEST(client.get(std::string{stt} + "/" + id).status == 200u);
    // A tenant that never called resets to nothing.
    const auto none = client.post_json("/_emulator/reset?tenant=nobody", "").json();
    BOOST_TEST(none.at("deleted_jobs").as_int64() == 0);
    BOOST_TEST(listed_jobs(client) == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
