// job_envelope: the GET envelope render_job builds from a job snapshot (Eden's key order, the
// status and error of the job, results by provider or as a list, the display flags of the
// query falling back to the launch's), webhook_body, which is the same envelope, and
// render_job_text, its text form with finished items kept in a result cache.
#include "fake_providers/media_probe.hpp"
#include "fake_providers/registry.hpp"
#include "server/jobs/job_service.hpp"
#include "server/wire/job_envelope.hpp"
#include "server/wire/json_writer.hpp"
#include "server/wire/webhook_body.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

namespace {

namespace json = boost::json;
namespace fake = emu::fake;
namespace features = emu::features;
namespace jobs = emu::jobs;
namespace scenario = emu::scenario;
namespace scheduling = emu::scheduling;
namespace wire = emu::wire;
namespace json_text = emu::json_text;
using namespace std::chrono_literals;
using scenario::provider_status;

const fake::registry& default_registry() {
    static const auto registry = fake::make_default_registry();
    return registry;
}

std::vector<std::string> keys_of(const json::object& object) {
    std::vector<std::string> keys;
    for (const auto& entry : object) {
        keys.emplace_back(entry.key());
    }
    return keys;
}

using key_list = std::vector<std::string>;

// Query options with one flag set.
wire::render_options as_dict(bool value) {
    wire::render_options options;
    options.response_as_dict = value;
    return options;
}

wire::render_options original(bool value) {
    wire::render_options options;
    options.show_original_response = value;
    return options;
}

wire::render_options base_64(bool value) {
    wire::render_options options;
    options.show_base_64 = value;
    return options;
}

// Hand-built snapshots of speech-to-text and text-to-speech jobs, rendered against the default
// registry with seed 42.
struct envelope_fixture {
    wire::result_context context{default_registry(), 42, "http://emu.test:8080"};
    const features::feature_spec& stt = *features::find_feature("audio/speech_to_text_async");
    const features::feature_spec& tts = *features::find_feature("audio/text_to_speech_async");
    std::shared_ptr<const scenario::scenario> plan =
        std::make_shared<const scenario::scenario>(scenario::default_scenario());
    // Provider failures the runs point at; members, so they outlive every snapshot.
    scenario::step quota{.status = provider_status::failed,
                         .error_type = "ProviderLimitationError",
                         .error_message = "Quota exceeded"};
    scenario::step crash{.status = provider_status::failed,
                         .error_type = "ProviderException",
                         .error_message = "Provider crashed"};

    static std::shared_ptr<jobs::job_input> stt_input() {
        auto input = std::make_shared<jobs::job_input>();
        input->params.set("file_url", "https://files.test/talk.wav");
        input->file = fake::describe_url("https://files.test/talk.wav");
        return input;
    }

    static std::shared_ptr<jobs::job_input> tts_input() {
        auto input = std::make_shared<jobs::job_input>();
        input->params.set("text", "Hello there, general Kenobi");
        return input;
    }

    static jobs::provider_run run(std::string_view name,
                                  std::uint64_t sub,
                                  provider_status status = provider_status::finished) {
        jobs::provider_run r;
        r.name = name;
        r.sub_id = jobs::job_id{0xabc, sub};
        r.status = status;
        return r;
    }

    jobs::job_snapshot snapshot(const features::feature_spec& feature,
                                std::shared_ptr<const jobs::job_input> input,
                                std::vector<jobs::provider_run> providers) const {
        jobs::job_snapshot job;
        job.id = jobs::job_id{0x1234, 0x5678};
        job.feature = &feature;
        job.input = std::move(input);
        job.plan = plan;
        job.providers = std::move(providers);
        return job;
    }

    jobs::job_snapshot finished_stt() const {
        return snapshot(stt, stt_input(), {run("amazon", 1), run("google", 2)});
    }

    // What one provider's entry holds: error, id and final_status, then the generated fields.
    json::object
    expected_item(const jobs::job_snapshot& job, const jobs::provider_run& r, bool original) const {
        json::object item{{"error", nullptr},
                          {"id", r.sub_id.to_string()},
                          {"final_status", scenario::to_string(r.status)}};
        auto result = wire::generate_result(job, r, context, original);
        for (const auto& field : result.fields) {
            item[field.key()] = field.value();
        }
        if (original) {
            item["original_response"] = result.original_response;
        }
        return item;
    }

    json::object render(const jobs::job_snapshot& job, wire::render_options options = {}) const {
        return wire::render_job(job, options, context);
    }
};

const json::object& entry_of(const json::object& envelope, std::string_view provider) {
    return envelope.at("results").at(provider).as_object();
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(job_envelope, envelope_fixture)

BOOST_AUTO_TEST_CASE(the_envelope_has_edens_keys_in_edens_order) {
    for (const auto status : {provider_status::processing, provider_status::finished}) {
        BOOST_TEST_CONTEXT(scenario::to_string(status)) {
            const auto envelope = render(snapshot(stt, stt_input(), {run("amazon", 1, status)}));
            BOOST_TEST(keys_of(envelope) == (key_list{"public_id", "status", "error", "results"}));
            const auto public_id = jobs::job_id{0x1234, 0x5678}.to_string();
            BOOST_TEST(envelope.at("public_id").as_string() == public_id);
            const auto item_keys = keys_of(entry_of(envelope, "amazon"));
            BOOST_TEST_REQUIRE(item_keys.size() >= 3u);
            BOOST_TEST((key_list{item_keys.begin(), item_keys.begin() + 3}) ==
                       (key_list{"error", "id", "final_status"}));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_processing_job_shows_each_providers_sub_job_and_no_results_yet) {
    const auto job = snapshot(
        stt, stt_input(), {run("amazon", 1), run("google", 2, provider_status::processing)});
    const auto envelope = render(job);
    BOOST_TEST(envelope.at("status").as_string() == "processing");
    BOOST_TEST(envelope.at("error").is_null());
    BOOST_TEST(keys_of(envelope.at("results").as_object()) == (key_list{"amazon", "google"}));
    BOOST_TEST(json_text::compact(entry_of(envelope, "google")) ==
               std::string{R"({"error":null,"id":")"} + job.providers[1].sub_id.to_string() +
                   R"(","final_status":"processing"})");
    // The provider that finished already shows its result.
    BOOST_TEST(json_text::compact(entry_of(envelope, "amazon")) ==
               json_text::compact(expected_item(job, job.providers[0], false)));
}

BOOST_AUTO_TEST_CASE(a_finished_job_shows_every_providers_generated_result) {
    const auto job = finished_stt();
    const auto envelope = render(job);
    BOOST_TEST(envelope.at("status").as_string() == "finished");
    BOOST_TEST(envelope.at("error").is_null());
    for (const auto& r : job.providers) {
        BOOST_TEST_CONTEXT(r.name) {
            const auto& item = entry_of(envelope, r.name);
            BOOST_TEST(json_text::compact(item) ==
                       json_text::compact(expected_item(job, r, false)));
            BOOST_TEST(item.at("text").is_string()); // a speech-to-text field, not just the frame
        }
    }
}

BOOST_AUTO_TEST_CASE(a_failed_provider_shows_its_error_and_no_fields) {
    auto failed = run("google", 2, provider_status::failed);
    failed.step = &quota;
    const auto job = snapshot(stt, stt_input(), {run("amazon", 1), failed});
    const auto envelope = render(job, original(true));
    // One provider finished: the job is finished and has no error of its own.
    BOOST_TEST(envelope.at("status").as_string() == "finished");
    BOOST_TEST(envelope.at("error").is_null());
    BOOST_TEST(
        json_text::compact(entry_of(envelope, "google")) ==
        std::string{R"({"error":{"type":"ProviderLimitationError","message":"Quota exceeded"},)"
                    R"("id":")"} +
            job.providers[1].sub_id.to_string() + R"(","final_status":"failed"})");
}

BOOST_AUTO_TEST_CASE(a_job_whose_providers_all_failed_carries_the_first_failures_message) {
    auto first = run("amazon", 1, provider_status::failed);
    first.step = &crash;
    auto second = run("google", 2, provider_status::failed);
    second.step = &quota;
    const auto envelope = render(snapshot(stt, stt_input(), {first, second}));
    BOOST_TEST(envelope.at("status").as_string() == "failed");
    BOOST_TEST(envelope.at("error").as_string() == "Provider crashed");
    BOOST_TEST(entry_of(envelope, "amazon").at("error").at("message").as_string() ==
               "Provider crashed");
    BOOST_TEST(entry_of(envelope, "google").at("error").at("message").as_string() ==
               "Quota exceeded");
}

BOOST_AUTO_TEST_CASE(a_job_level_failure_fails_the_job_with_its_own_message) {
    auto failing = scenario::default_scenario();
    failing.job_failure = scenario::job_failure_rule{.message = "Job timed out"};
    auto job =
        snapshot(stt, stt_input(), {run("amazon", 1), run("google", 2, provider_status::failed)});
    job.plan = std::make_shared<const scenario::scenario>(failing);
    job.providers[1].step = &job.plan->job_failure->shown;
    job.failed_as_job = true;
    const auto envelope = render(job);
    BOOST_TEST(envelope.at("status").as_string() == "failed");
    // The job's message, not the failed provider's, even though another provider finished.
    BOOST_TEST(envelope.at("error").as_string() == "Job timed out");
    BOOST_TEST(entry_of(envelope, "amazon").at("final_status").as_string() == "finished");
    BOOST_TEST(entry_of(envelope, "google").at("final_status").as_string() == "failed");
    BOOST_TEST(entry_of(envelope, "google").at("error").at("message").as_string() ==
               job.plan->job_failure->shown.error_message);
}

BOOST_AUTO_TEST_CASE(results_become_a_list_with_the_provider_first_when_not_a_dict) {
    auto failed = run("google", 2, provider_status::failed);
    failed.step = &quota;
    const auto job = snapshot(stt, stt_input(), {run("amazon", 1), failed});
    const auto dict = render(job);
    const auto as_list = render(job, as_dict(false));
    BOOST_TEST(keys_of(as_list) == (key_list{"public_id", "status", "error", "results"}));
    const auto& list = as_list.at("results").as_array();
    BOOST_TEST_REQUIRE(list.size() == 2u);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto name = job.providers[i].name;
        BOOST_TEST_CONTEXT(name) {
            json::object expected{{"provider", name}};
            for (const auto& field : entry_of(dict, name)) {
                expected[field.key()] = field.value();
            }
            BOOST_TEST(json_text::compact(list[i]) == json_text::compact(expected));
        }
    }
    // The query's true gives the dict back.
    BOOST_TEST(render(job, as_dict(true)).at("results").is_object());
}

BOOST_AUTO_TEST_CASE(response_as_dict_falls_back_to_the_launch_and_the_query_wins) {
    auto input = tts_input();
    input->params.set("response_as_dict", "false"); // text-to-speech takes it at launch
    const auto job = snapshot(tts, input, {run("amazon", 1), run("lovoai", 2)});
    BOOST_TEST(render(job).at("results").is_array());
    BOOST_TEST(render(job, as_dict(true)).at("results").is_object());
    BOOST_TEST(render(job, as_dict(false)).at("results").is_array());
    // Without it at launch, Eden's default is the dict.
    BOOST_TEST(render(snapshot(tts, tts_input(), {run("amazon", 1)})).at("results").is_object());
}

BOOST_AUTO_TEST_CASE(original_response_appears_only_when_asked) {
    auto input = stt_input();
    const auto plain = snapshot(stt, input, {run("amazon", 1)});
    BOOST_TEST(!entry_of(render(plain), "amazon").contains("original_response"));
    BOOST_TEST(!entry_of(render(plain, original(false)), "amazon").contains("original_response"));
    const auto asked = render(plain, original(true));
    BOOST_TEST(json_text::compact(entry_of(asked, "amazon")) ==
               json_text::compact(expected_item(plain, plain.providers[0], true)));
    BOOST_TEST(keys_of(entry_of(asked, "amazon")).back() == "original_response");
    BOOST_TEST(!entry_of(asked, "amazon").at("original_response").is_null());
    // A provider still processing has no result, hence no original_response either.
    const auto pending = snapshot(stt, input, {run("amazon", 1, provider_status::processing)});
    BOOST_TEST(!entry_of(render(pending, original(true)), "amazon").contains("original_response"));
}

BOOST_AUTO_TEST_CASE(show_original_response_falls_back_to_the_launch_and_the_query_wins) {
    auto input = stt_input();
    input->show_original_response = true;
    const auto job = snapshot(stt, input, {run("amazon", 1)});
    BOOST_TEST(entry_of(render(job), "amazon").contains("original_response"));
    BOOST_TEST(!entry_of(render(job, original(false)), "amazon").contains("original_response"));
}

BOOST_AUTO_TEST_CASE(show_base_64_falls_back_to_the_launch_and_the_query_wins) {
    const auto audio_of = [&](const jobs::job_snapshot& job, wire::render_options options) {
        return std::string{entry_of(render(job, options), "amazon").at("audio").as_string()};
    };
    const auto shown = snapshot(tts, tts_input(), {run("amazon", 1)});
    const auto generated = wire::generate_result(shown, shown.providers[0], context, false);
    BOOST_TEST_REQUIRE(generated.media_field == "audio");
    const std::string base64{generated.fields.at("audio").as_string()};
    BOOST_TEST_REQUIRE(!base64.empty());
    BOOST_TEST(audio_of(shown, {}) == base64); // Eden's default: shown
    BOOST_TEST(audio_of(shown, base_64(false)) == "");

    auto hidden_input = tts_input();
    hidden_input->show_base_64 = false;
    const auto hidden = snapshot(tts, hidden_input, {run("amazon", 1)});
    BOOST_TEST(audio_of(hidden, {}) == "");
    BOOST_TEST(audio_of(hidden, base_64(true)) == base64);
    // Only the media field is blanked: the link to the same audio stays.
    const auto hidden_envelope = render(hidden);
    BOOST_TEST(entry_of(hidden_envelope, "amazon").at("audio_resource_url") ==
               generated.fields.at("audio_resource_url"));
}

BOOST_AUTO_TEST_CASE(a_scenarios_literal_fields_replace_the_generated_ones) {
    scenario::step literal{.result = json::object{{"text", "scripted transcript"}}};
    auto r = run("amazon", 1);
    r.step = &literal;
    const auto job = snapshot(stt, stt_input(), {r});
    const auto envelope = render(job);
    const auto& item = entry_of(envelope, "amazon");
    BOOST_TEST(item.at("text").as_string() == "scripted transcript");
    BOOST_TEST(item.contains("diarization")); // the other fields stay generated
}

BOOST_AUTO_TEST_CASE(the_same_job_and_seed_render_the_same_json) {
    const auto job = finished_stt();
    const auto once = json_text::compact(render(job, original(true)));
    BOOST_TEST(json_text::compact(render(job, original(true))) == once);
    // Another seed gives other results for the same job.
    const wire::result_context reseeded{default_registry(), 43, context.base_url};
    BOOST_TEST(json_text::compact(wire::render_job(job, original(true), reseeded)) != once);
}

BOOST_AUTO_TEST_CASE(jobs_from_two_services_with_one_seed_render_alike) {
    // Each service runs on its own manual clock; a launch two seconds old has finished.
    const auto rendered = [&](std::uint64_t seed) {
        scheduling::manual_clock clock{scheduling::instant{1767225600s}};
        scheduling::tenant_clocks clocks{clock};
        jobs::job_service service{clocks, seed, jobs::list_mode::live};
        const auto id =
            service.launch("t", stt, {{"amazon", ""}, {"google", ""}}, stt_input(), plan);
        const auto before = service.get("t", stt, id);
        BOOST_TEST_REQUIRE(before.has_value());
        BOOST_TEST(render(*before).at("status").as_string() == "processing");
        clock.advance(2s);
        const auto after = service.get("t", stt, id);
        BOOST_TEST_REQUIRE(after.has_value());
        auto envelope = render(*after);
        BOOST_TEST(envelope.at("status").as_string() == "finished");
        BOOST_TEST(envelope.at("public_id").as_string() == id.to_string());
        return json_text::compact(envelope);
    };
    const auto first = rendered(7);
    BOOST_TEST(rendered(7) == first);
    BOOST_TEST(rendered(8) != first); // other ids, hence other results
}

BOOST_AUTO_TEST_CASE(the_webhook_body_is_the_get_envelope_plus_users_webhook_parameters) {
    auto input = stt_input();
    input->show_original_response = true; // the launch's display flags hold for the webhook
    input->users_webhook_parameters = R"({"order":7,"tags":["a"]})";
    auto failed = run("google", 2, provider_status::failed);
    failed.step = &quota;
    const auto job = snapshot(stt, input, {run("amazon", 1), failed});

    auto expected = render(job);
    BOOST_TEST_REQUIRE(entry_of(expected, "amazon").contains("original_response"));
    expected["users_webhook_parameters"] = json::parse(input->users_webhook_parameters);
    const auto body = wire::webhook_body(job, context);
    BOOST_TEST(body == json_text::indented(expected)); // byte for byte: the signed form
    BOOST_TEST(keys_of(json::parse(body).as_object()) ==
               (key_list{"public_id", "status", "error", "results", "users_webhook_parameters"}));

    // Without parameters at launch the key is there, null.
    const auto bare = snapshot(stt, stt_input(), {run("amazon", 1)});
    auto bare_expected = render(bare);
    bare_expected["users_webhook_parameters"] = nullptr;
    BOOST_TEST(wire::webhook_body(bare, context) == json_text::indented(bare_expected));
}

BOOST_AUTO_TEST_CASE(the_webhook_body_drops_results_when_send_webhook_data_is_false) {
    auto input = stt_input();
    input->send_webhook_data = false;
    input->users_webhook_parameters = R"(["x"])";
    const auto job = snapshot(stt, input, {run("amazon", 1)});
    auto expected = render(job);
    expected.erase("results");
    expected["users_webhook_parameters"] = json::array{"x"};
    const auto body = wire::webhook_body(job, context);
    BOOST_TEST(body == json_text::indented(expected));
    BOOST_TEST(keys_of(json::parse(body).as_object()) ==
               (key_list{"public_id", "status", "error", "users_webhook_parameters"}));
}

// Every combination of the query's display flags, unset ones included.
std::vector<wire::render_options> every_display() {
    const std::optional<bool> choices[] = {std::nullopt, true, false};
    std::vector<wire::render_options> all;
    for (const auto dict : choices) {
        for (const auto original_response : choices) {
            for (const auto base : choices) {
                all.push_back({dict, original_response, base});
            }
        }
    }
    return all;
}

// The GET body's text form against the document's compact text: once rendered, once kept.
void check_text_form(const jobs::job_snapshot& job,
                     const wire::result_context& context,
                     wire::result_cache& cache) {
    for (const auto& options : every_display()) {
        const auto expected = json_text::compact(wire::render_job(job, options, context));
        BOOST_TEST(wire::render_job_text(job, options, context, cache) == expected);
        BOOST_TEST(wire::render_job_text(job, options, context, cache) == expected);
    }
}

BOOST_AUTO_TEST_CASE(the_text_form_is_the_documents_bytes_for_every_feature_and_provider) {
    wire::result_cache cache{64U << 20U};
    for (const auto& feature : features::all_features()) {
        BOOST_TEST_CONTEXT(feature.path) {
            auto input = std::make_shared<jobs::job_input>();
            input->params.set("file_url", "https://files.test/input.pdf");
            input->params.set("text", "Hello there, general Kenobi");
            input->file = fake::describe_url("https://files.test/input.pdf");
            std::vector<jobs::provider_run> runs;
            for (std::size_t i = 0; i < feature.providers.size(); ++i) {
                runs.push_back(run(feature.providers[i], i + 1));
            }
            check_text_form(snapshot(feature, input, std::move(runs)), context, cache);
        }
    }
    const auto stats = cache.stats();
    BOOST_TEST(stats.hits > 0U);
    BOOST_TEST(stats.entries > 0U);
}

BOOST_AUTO_TEST_CASE(the_text_form_matches_partial_literal_failed_and_processing_providers) {
    wire::result_cache cache{64U << 20U};
    const scenario::step half{.partial = 0.5};
    const scenario::step literal{.result = {{"text", "said literally"}, {"id", "overridden"}}};
    auto partial = run("amazon", 1);
    partial.step = &half;
    auto literally = run("google", 2);
    literally.step = &literal;
    auto failed = run("deepgram", 3, provider_status::failed);
    failed.step = &quota;
    const auto mixed = snapshot(stt, stt_input(), {partial, literally, failed});
    check_text_form(mixed, context, cache);
    check_text_form(snapshot(stt,
                             stt_input(),
                             {run("amazon", 1, provider_status::processing),
                              run("google", 2, provider_status::failed)}),
                    context,
                    cache);
    auto failing = scenario::default_scenario();
    failing.job_failure = scenario::job_failure_rule{.message = "Job \"timed\" out\n"};
    auto job_failure = finished_stt();
    job_failure.plan = std::make_shared<const scenario::scenario>(failing);
    job_failure.failed_as_job = true;
    check_text_form(job_failure, context, cache);
    check_text_form(
        snapshot(tts, tts_input(), {run("amazon", 1), run("google", 2)}), context, cache);
}

BOOST_AUTO_TEST_CASE(what_changes_the_bytes_is_never_answered_from_an_older_render) {
    wire::result_cache cache{64U << 20U};
    const wire::render_options dict{};
    // A step forced later (another step pointer) shows its own fields.
    auto job = finished_stt();
    check_text_form(job, context, cache);
    const scenario::step literal{.result = {{"text", "forced text"}}};
    job.providers[0].step = &literal;
    const auto forced = wire::render_job_text(job, dict, context, cache);
    BOOST_TEST(forced == json_text::compact(render(job)));
    BOOST_TEST(forced.find("forced text") != std::string::npos);
    // Another base URL (another Host header) links media under its own.
    const wire::result_context elsewhere{default_registry(), 42, "http://other.test:9"};
    const auto tts_job = snapshot(tts, tts_input(), {run("amazon", 1)});
    check_text_form(tts_job, context, cache);
    const auto moved = wire::render_job_text(tts_job, dict, elsewhere, cache);
    BOOST_TEST(moved == json_text::compact(wire::render_job(tts_job, dict, elsewhere)));
    BOOST_TEST(moved.find("http://other.test:9/") != std::string::npos);
    // Another seed generates other results.
    const wire::result_context reseeded{default_registry(), 7, context.base_url};
    BOOST_TEST(wire::render_job_text(tts_job, dict, reseeded, cache) ==
               json_text::compact(wire::render_job(tts_job, dict, reseeded)));
    // A new job with the same id (after a reset or a restore) is rendered from its own input.
    auto other_input = stt_input();
    other_input->params.set("file_url", "https://files.test/other.wav");
    other_input->file = fake::describe_url("https://files.test/other.wav");
    const auto again = snapshot(stt, other_input, {run("amazon", 1), run("google", 2)});
    BOOST_TEST(wire::render_job_text(again, dict, context, cache) ==
               json_text::compact(render(again)));
}

BOOST_AUTO_TEST_CASE(members_a_document_merges_are_rendered_as_the_document_does) {
    wire::result_cache cache{64U << 20U};
    // The same provider twice: the dict form keeps one member under its name.
    check_text_form(
        snapshot(stt, stt_input(), {run("amazon", 1), run("amazon", 2)}), context, cache);
    // A literal "provider" field: the list form's item keeps one "provider" member.
    const scenario::step named{.result = {{"provider", "literal"}}};
    auto r = run("amazon", 1);
    r.step = &named;
    check_text_form(snapshot(stt, stt_input(), {r}), context, cache);
}

BOOST_AUTO_TEST_SUITE_END()
