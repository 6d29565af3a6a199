#include "server/jobs/job_service.hpp"

#include <boost/test/unit_test.hpp>

#include <array>

using namespace emu;
using namespace std::chrono_literals;

namespace {

// A job service on a manual clock with a two-step plan for "google".
struct service_fixture {
    scheduling::manual_clock clock{scheduling::instant{1767225600s}};
    scheduling::tenant_clocks clocks{clock};
    std::shared_ptr<const scenario::scenario> plan = [] {
        auto s = scenario::default_scenario(2s);
        s.timelines["google"] = {
            scenario::step{.after = 1s, .status = scenario::provider_status::failed},
            scenario::step{.after = 1s, .status = scenario::provider_status::finished}};
        return std::make_shared<const scenario::scenario>(std::move(s));
    }();
    jobs::job_service service{clocks, 7, jobs::list_mode::live};
    const features::feature_spec& stt = *features::find_feature("audio/speech_to_text_async");

    jobs::job_id launch(std::string_view tenant, std::vector<std::string_view> providers) {
        std::vector<jobs::requested_provider> requested;
        for (const auto p : providers) {
            requested.push_back({p, ""});
        }
        return service.launch(tenant, stt, requested, std::make_shared<jobs::job_input>(), plan);
    }

    jobs::job_status status(const jobs::job_id& id, std::string_view tenant = "t") {
        return jobs::status_of(*service.get(tenant, stt, id));
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(job_service, service_fixture)

BOOST_AUTO_TEST_CASE(providers_follow_their_own_timelines) {
    const auto id = launch("t", {"amazon", "google"});
    BOOST_TEST((status(id) == jobs::job_status::processing));
    clock.advance(1s);
    service.run_due();
    auto job = service.get("t", stt, id);
    BOOST_TEST((job->providers[1].status == scenario::provider_status::failed));
    BOOST_TEST((job->providers[0].status == scenario::provider_status::processing));
    clock.advance(1s);
    BOOST_TEST((status(id) == jobs::job_status::finished)); // get() applies what is due
}

BOOST_AUTO_TEST_CASE(a_big_advance_applies_every_step_in_order) {
    const auto id = launch("t", {"google"});
    clock.advance(1h);
    const auto job = service.get("t", stt, id);
    BOOST_TEST((job->providers[0].status == scenario::provider_status::finished));
}

BOOST_AUTO_TEST_CASE(all_failed_providers_fail_the_job) {
    const auto id = launch("t", {"google"});
    clock.advance(1s);
    BOOST_TEST((status(id) == jobs::job_status::failed));
}

BOOST_AUTO_TEST_CASE(ids_are_unique_and_reproducible_from_the_seed_per_tenant) {
    const auto a = launch("t", {"amazon"});
    const auto b = launch("t", {"amazon"});
    BOOST_TEST(a.to_string() != b.to_string());
    // Another service with the same seed: the same tenant's first id, whatever other tenants
    // launched before; another tenant's first id differs.
    scheduling::manual_clock other_clock{scheduling::instant{0s}};
    scheduling::tenant_clocks other_clocks{other_clock};
    jobs::job_service other{other_clocks, 7, jobs::list_mode::live};
    const auto other_tenant =
        other.launch("x", stt, {{"amazon", ""}}, std::make_shared<jobs::job_input>(), plan);
    const auto again =
        other.launch("t", stt, {{"amazon", ""}}, std::make_shared<jobs::job_input>(), plan);
    BOOST_TEST(again.to_string() == a.to_string());
    BOOST_TEST(other_tenant.to_string() != a.to_string());
    BOOST_TEST(jobs::job_id::parse(a.to_string())->to_string() == a.to_string());
}

BOOST_AUTO_TEST_CASE(resetting_a_tenant_leaves_the_others) {
    const auto mine = launch("t", {"google"});
    const auto theirs = launch("u", {"google"});
    BOOST_TEST(service.reset("t") == 1u);
    BOOST_TEST(service.reset("nobody") == 0u);
    BOOST_TEST(!service.get("t", stt, mine));
    BOOST_TEST(service.job_count() == 1u);
    // The reset tenant's pending steps are gone from the timeline; the other's remain.
    BOOST_TEST((service.next_due() == clock.now() + 1s));
    clock.advance(1s);
    BOOST_TEST((status(theirs, "u") == jobs::job_status::failed));
    // The tenant's id sequence goes on: a new job does not reuse a deleted job's id.
    BOOST_TEST(launch("t", {"amazon"}).to_string() != mine.to_string());
}

BOOST_AUTO_TEST_CASE(tenants_and_features_are_isolated) {
    const auto id = launch("t", {"amazon"});
    BOOST_TEST(!service.get("u", stt, id));
    BOOST_TEST(!service.get("t", *features::find_feature("ocr/ocr_async"), id));
    BOOST_TEST(service.list("u", stt).empty());
    BOOST_TEST(service.remove_all("u", stt) == 0u);
    BOOST_TEST(service.remove_all("t", stt) == 1u);
    BOOST_TEST(!service.get("t", stt, id));
}

BOOST_AUTO_TEST_CASE(a_tenant_clock_ahead_moves_only_that_tenants_jobs) {
    const auto mine = launch("t", {"google"});
    const auto theirs = launch("u", {"google"});
    // Both jobs' first step is due 1 s after launch, each in its tenant's time.
    BOOST_TEST((service.next_due_of("t") == clock.now() + 1s));
    clocks.set_offset("t", 1s);
    BOOST_TEST((service.next_due() == clock.now())); // t's step, in the emulator's time
    service.run_due();
    BOOST_TEST((status(mine) == jobs::job_status::failed));
    BOOST_TEST((status(theirs, "u") == jobs::job_status::processing));
    BOOST_TEST(service.settled_of("u") == false);
    // A job launched by t now starts at t's time.
    const auto later = launch("t", {"amazon"});
    BOOST_TEST((service.find(later)->created_at == clock.now() + 1s));
    clock.advance(1s); // the emulator's clock moves every tenant's
    BOOST_TEST((status(mine) == jobs::job_status::finished));
    BOOST_TEST((status(theirs, "u") == jobs::job_status::failed));
}

BOOST_AUTO_TEST_CASE(lazy_listing_shows_the_state_of_the_last_get) {
    jobs::job_service lazy{clocks, 7, jobs::list_mode::lazy};
    const auto id =
        lazy.launch("t", stt, {{"amazon", ""}}, std::make_shared<jobs::job_input>(), plan);
    clock.advance(5s);
    BOOST_TEST((lazy.list("t", stt).at(0).status == jobs::job_status::processing));
    BOOST_TEST(lazy.list("t", stt).at(0).succeeded == 0u); // of the same moment as the status
    lazy.get("t", stt, id);
    BOOST_TEST((lazy.list("t", stt).at(0).status == jobs::job_status::finished));
    BOOST_TEST(lazy.list("t", stt).at(0).succeeded == 1u);
}

BOOST_AUTO_TEST_CASE(deleted_jobs_leave_nothing_due) {
    launch("t", {"amazon"});
    service.remove_all("t", stt);
    clock.advance(10s);
    service.run_due();
    BOOST_TEST(service.job_count() == 0u);
}

// A v3 subfeature for the fallback-chain cases.
constexpr std::array<std::string_view, 3> v3_providers{"google", "amazon", "microsoft"};
const features::feature_spec v3_ocr{
    .path = "ocr/ocr_async", .providers = v3_providers, .api = features::api_version::v3};

BOOST_AUTO_TEST_CASE(a_v3_job_is_served_by_the_first_provider_that_has_not_failed) {
    const auto id = service.launch(
        "t", v3_ocr, {{"google", ""}, {"amazon", ""}}, std::make_shared<jobs::job_input>(), plan);
    const auto scope = jobs::job_scope::of_api(features::api_version::v3);
    clock.advance(1s); // google failed, amazon still processing (2 s)
    auto job = service.peek("t", scope, id);
    BOOST_TEST((jobs::status_of(*job) == jobs::job_status::processing));
    BOOST_TEST(jobs::serving_provider(job->providers, job->feature->api)->name == "amazon");
    clock.advance(1s);
    job = service.peek("t", scope, id);
    BOOST_TEST((jobs::status_of(*job) == jobs::job_status::finished));
    BOOST_TEST(job->polls == 0u); // peek counts no GET
    BOOST_TEST(job->ended_at.has_value());
}

BOOST_AUTO_TEST_CASE(a_v3_scope_sees_every_v3_feature_and_no_v2_job) {
    const auto v2 = launch("t", {"amazon"});
    const auto v3 =
        service.launch("t", v3_ocr, {{"amazon", ""}}, std::make_shared<jobs::job_input>(), plan);
    const auto scope = jobs::job_scope::of_api(features::api_version::v3);
    BOOST_TEST(!service.get("t", scope, v2).has_value());
    BOOST_TEST(service.get("t", scope, v3).has_value());
    BOOST_TEST(!service.get("t", stt, v3).has_value());
    BOOST_TEST(!service.get("other", scope, v3).has_value());
    const auto listed = service.snapshots("t", scope);
    BOOST_TEST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0].id.to_string() == v3.to_string());
}

BOOST_AUTO_TEST_CASE(snapshots_are_newest_first_even_at_one_instant) {
    const auto scope = jobs::job_scope::of_api(features::api_version::v3);
    const auto first =
        service.launch("t", v3_ocr, {{"amazon", ""}}, std::make_shared<jobs::job_input>(), plan);
    const auto second =
        service.launch("t", v3_ocr, {{"amazon", ""}}, std::make_shared<jobs::job_input>(), plan);
    const auto listed = service.snapshots("t", scope);
    BOOST_TEST_REQUIRE(listed.size() == 2u);
    BOOST_TEST(listed[0].id.to_string() == second.to_string());
    BOOST_TEST(listed[1].id.to_string() == first.to_string());
}

BOOST_AUTO_TEST_CASE(removing_one_job_waits_for_its_end) {
    const auto scope = jobs::job_scope::of_api(features::api_version::v3);
    const auto id =
        service.launch("t", v3_ocr, {{"amazon", ""}}, std::make_shared<jobs::job_input>(), plan);
    BOOST_TEST((service.remove("t", scope, id) == jobs::removal::processing));
    clock.advance(2s);
    BOOST_TEST((service.remove("other", scope, id) == jobs::removal::not_found));
    BOOST_TEST((service.remove("t", scope, id) == jobs::removal::removed));
    BOOST_TEST((service.remove("t", scope, id) == jobs::removal::not_found));
    BOOST_TEST(service.snapshots("t", scope).empty());
}

BOOST_AUTO_TEST_CASE(ended_v3_jobs_expire_after_the_retention_v2_jobs_stay) {
    jobs::job_service kept{clocks, 7, jobs::list_mode::live, 1h};
    const auto scope = jobs::job_scope::of_api(features::api_version::v3);
    const auto v3 =
        kept.launch("t", v3_ocr, {{"amazon", ""}}, std::make_shared<jobs::job_input>(), plan);
    const auto v2 =
        kept.launch("t", stt, {{"amazon", ""}}, std::make_shared<jobs::job_input>(), plan);
    clock.advance(2s + 1h - 1us);
    BOOST_TEST(kept.peek("t", scope, v3).has_value());
    clock.advance(1us);
    BOOST_TEST(!kept.peek("t", scope, v3).has_value());
    BOOST_TEST(kept.get("t", stt, v2).has_value());
}

BOOST_AUTO_TEST_CASE(expiries_are_due_but_not_worth_skipping_time_to) {
    jobs::job_service kept{clocks, 7, jobs::list_mode::live, 1h};
    kept.launch("t", v3_ocr, {{"amazon", ""}}, std::make_shared<jobs::job_input>(), plan);
    BOOST_TEST((kept.next_skip_target() == kept.next_due())); // the step at 2 s
    clock.advance(2s);
    kept.run_due();
    BOOST_TEST((kept.next_due() == clock.now() + 1h)); // the expiry
    BOOST_TEST(!kept.next_skip_target().has_value());
}

BOOST_AUTO_TEST_SUITE_END()
