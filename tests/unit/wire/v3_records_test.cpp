// v3_records: the text form of a v3 job object (render_v3_job_text) is the document's compact
// text byte for byte, for every v3 subfeature and model, with original_response or without,
// rendered and then kept in the result cache, and for jobs still processing or failed.
#include "fake_providers/media_probe.hpp"
#include "fake_providers/registry.hpp"
#include "server/wire/json_writer.hpp"
#include "server/wire/v3_records.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

namespace {

namespace fake = emu::fake;
namespace features = emu::features;
namespace jobs = emu::jobs;
namespace scenario = emu::scenario;
namespace scheduling = emu::scheduling;
namespace wire = emu::wire;
namespace json_text = emu::json_text;
using scenario::provider_status;

// v3 jobs of one model each, rendered against the default registry with seed 42.
struct v3_fixture {
    const fake::registry registry = fake::make_default_registry();
    const features::v3_catalog& catalog = features::v3_catalog::shipped();
    wire::result_context context{registry, 42, "http://emu.test:8080"};
    wire::result_cache cache{64U << 20U};
    std::shared_ptr<const scenario::scenario> plan =
        std::make_shared<const scenario::scenario>(scenario::default_scenario());
    scenario::step crash{.status = provider_status::failed, .error_message = "Provider crashed"};

    jobs::job_snapshot job(const features::feature_spec& spec,
                           const features::v3_model& model,
                           bool original,
                           provider_status status = provider_status::finished) const {
        auto input = std::make_shared<jobs::job_input>();
        input->params.set("file_url", "https://files.test/input.pdf");
        input->params.set("text", "Hello there, general Kenobi");
        input->file = fake::describe_url("https://files.test/input.pdf");
        input->show_original_response = original;
        jobs::provider_run run;
        run.name = model.provider;
        run.model = model.model;
        run.sub_id = jobs::job_id{0xabc, 1};
        run.status = status;
        if (status == provider_status::failed) {
            run.step = &crash;
        }
        jobs::job_snapshot shot;
        shot.id = jobs::job_id{0x1234, 0x5678};
        shot.feature = &spec;
        shot.created_at = scheduling::instant{std::chrono::seconds{1767225600}};
        shot.input = std::move(input);
        shot.plan = plan;
        shot.providers = {run};
        return shot;
    }

    // The text form against the document's, once rendered and once kept.
    void check(const jobs::job_snapshot& shot) {
        const auto expected = json_text::compact(wire::render_v3_job(shot, catalog, context));
        BOOST_TEST(wire::render_v3_job_text(shot, catalog, context, cache) == expected);
        BOOST_TEST(wire::render_v3_job_text(shot, catalog, context, cache) == expected);
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(v3_records, v3_fixture)

BOOST_AUTO_TEST_CASE(the_text_form_is_the_documents_bytes_for_every_subfeature_and_model) {
    for (const auto& spec : catalog.async_specs()) {
        for (const auto& model : catalog.subfeature_of(spec).models) {
            BOOST_TEST_CONTEXT(model.id) {
                check(job(spec, model, false));
                check(job(spec, model, true));
            }
        }
    }
    BOOST_TEST(cache.stats().hits > 0U);
}

BOOST_AUTO_TEST_CASE(processing_and_failed_jobs_have_the_documents_bytes_too) {
    const auto& spec = catalog.async_specs().front();
    const auto& model = catalog.subfeature_of(spec).models.front();
    check(job(spec, model, true, provider_status::processing));
    check(job(spec, model, true, provider_status::failed));
}

BOOST_AUTO_TEST_SUITE_END()
