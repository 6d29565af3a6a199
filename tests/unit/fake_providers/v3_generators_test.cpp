// The generators of providers only Eden's v3 API offers: gradium (speech-to-text), pixverse,
// pruna and xai (video generation), resemble (video deepfake detection), run through the
// registry build_registry makes from the v3 catalog's features (v3_features.hpp).

#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/video_probe.hpp"
#include "tests/unit/fake_providers/v3_features.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {

namespace json = boost::json;
using emu::fake::generated_result;
using emu::fake::generation_request;
using emu::fake::input_file;
using emu::fake::launch_params;

constexpr std::string_view stt = "audio/speech_to_text_async";
constexpr std::string_view generation = "video/generation_async";
constexpr std::string_view deepfake = "video/deepfake_detection_async";
constexpr std::string_view url_base = "http://127.0.0.1:8080/_emulator/files/job-1/provider";

// One v3 job's inputs; run() asks the v3 registry for the provider's generator.
struct v3_job {
    v3_job(std::string_view feature_path,
           std::string_view provider_name,
           std::optional<input_file> input = std::nullopt,
           std::string_view model_name = "")
        : feature(feature_path)
        , provider(provider_name)
        , model(model_name)
        , file(std::move(input)) {}

    std::string_view feature;
    std::string_view provider;
    std::string_view model;
    std::string job_id = "9a1f0e6c-2b3d-4e5f-8a9b-0c1d2e3f4a5b";
    launch_params params;
    std::optional<input_file> file;
    bool original = true;

    generated_result run() const {
        const auto fn = emu::testing::v3_generators().find(feature, provider);
        BOOST_REQUIRE_MESSAGE(fn != nullptr, feature << " / " << provider);
        return fn(generation_request{.feature = feature,
                                     .provider = provider,
                                     .model = model,
                                     .job_id = job_id,
                                     .seed = 42,
                                     .params = params,
                                     .file = file ? &*file : nullptr,
                                     .resource_url_base = url_base,
                                     .original_response = original});
    }
};

input_file wav(std::uint32_t duration_ms) {
    input_file file;
    file.name = "question.wav";
    file.size = std::uint64_t{duration_ms} * 32U;
    file.duration_ms = duration_ms;
    file.sample_rate = 16'000;
    file.channels = 1;
    return file;
}

input_file image(std::uint32_t width, std::uint32_t height) {
    input_file file;
    file.name = "first_frame.png";
    file.size = 20'480;
    file.width = width;
    file.height = height;
    return file;
}

input_file mp4(std::uint32_t duration_ms) {
    input_file file;
    file.name = "interview.mp4";
    file.size = 3'000'000;
    file.duration_ms = duration_ms;
    file.width = 1280;
    file.height = 720;
    return file;
}

v3_job video_job(std::string_view provider, std::string_view model = "") {
    v3_job job{generation, provider, std::nullopt, model};
    job.params.set("text", "A lighthouse in a storm, slow push-in");
    return job;
}

// What the MP4 of a video generation result says about itself.
struct mp4_facts {
    std::uint32_t ms = 0;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
};

mp4_facts facts_of(const generated_result& result) {
    std::string bytes;
    BOOST_REQUIRE(emu::fake::base64_decode(result.fields.at("video").as_string(), bytes));
    input_file probed;
    emu::fake::probe_video(bytes, probed);
    return {probed.duration_ms.value_or(0), probed.width.value_or(0), probed.height.value_or(0)};
}

double seconds_of(const json::value& text) {
    return std::stod(std::string{text.as_string()});
}

} // namespace

BOOST_AUTO_TEST_SUITE(v3_speech_to_text)

BOOST_AUTO_TEST_CASE(gradium_times_fall_on_its_80_ms_frames_with_one_speaker_and_no_confidence) {
    v3_job job{stt, "gradium", wav(20'000)};
    job.params.set("speakers", "4");
    const auto result = job.run();
    const auto& diarization = result.fields.at("diarization").as_object();
    BOOST_TEST(diarization.at("total_speakers").as_int64() == 1);
    const auto& entries = diarization.at("entries").as_array();
    BOOST_REQUIRE(entries.size() > 20U);
    double previous_end = 0;
    for (const auto& entry : entries) {
        const double start = seconds_of(entry.at("start_time"));
        const double end = seconds_of(entry.at("end_time"));
        for (const double t : {start, end}) {
            const double frames = t / 0.08;
            BOOST_TEST(std::abs(frames - std::round(frames)) < 1e-6, t << " s");
        }
        BOOST_TEST(start >= previous_end);
        BOOST_TEST(end >= start);
        BOOST_TEST(end <= 20.0);
        previous_end = end;
        BOOST_TEST(entry.at("speaker").as_int64() == 1);
        BOOST_TEST(entry.at("confidence").as_double() == 1.0);
    }
}

BOOST_AUTO_TEST_CASE(gradium_original_response_is_its_asr_stream_of_messages) {
    const v3_job job{stt, "gradium", wav(8'000)};
    const auto result = job.run();
    const auto& messages = result.original_response.as_array();
    const auto& entries = result.fields.at("diarization").at("entries").as_array();
    BOOST_REQUIRE(messages.size() == 2 * entries.size() + 2);
    BOOST_TEST(messages.front().at("type").as_string() == "ready");
    BOOST_TEST(messages.front().at("sample_rate").as_int64() == 24000);
    BOOST_TEST(messages.back().at("type").as_string() == "end_of_stream");
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& text = messages[1 + 2 * i];
        const auto& end = messages[2 + 2 * i];
        BOOST_TEST(text.at("type").as_string() == "text");
        BOOST_TEST(text.at("text") == entries[i].at("segment"));
        BOOST_TEST(std::abs(text.at("start_s").to_number<double>() -
                            seconds_of(entries[i].at("start_time"))) < 1e-9);
        BOOST_TEST(end.at("type").as_string() == "end_text");
        BOOST_TEST(std::abs(end.at("stop_s").to_number<double>() -
                            seconds_of(entries[i].at("end_time"))) < 1e-9);
    }
}

BOOST_AUTO_TEST_CASE(gradium_writes_the_v3_vocabulary_verbatim) {
    v3_job job{stt, "gradium", wav(15'000)};
    job.params.set("vocabulary", R"(["Eden AI","Zyxwv, Inc.","kubernetes"])");
    const std::string text{job.run().fields.at("text").as_string()};
    for (const auto* term : {"Eden AI", "Zyxwv, Inc.", "kubernetes"}) {
        BOOST_TEST(text.find(term) != std::string::npos, term << " in " << text);
    }
}

BOOST_AUTO_TEST_CASE(gradium_gives_the_same_bytes_for_the_same_job_and_other_bytes_for_another) {
    v3_job job{stt, "gradium", wav(10'000)};
    const auto first = json::serialize(job.run().original_response);
    BOOST_TEST(first == json::serialize(job.run().original_response));
    job.job_id = "another-job";
    BOOST_TEST(first != json::serialize(job.run().original_response));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(v3_video_generation)

BOOST_AUTO_TEST_CASE(pixverse_snaps_to_its_qualities_and_names_the_file_after_the_seed) {
    auto job = video_job("pixverse", "v5");
    job.params.set("dimension", "1920x1080");
    job.params.set("duration", "7");
    job.params.set("seed", "31337");
    const auto result = job.run();
    const std::string url{result.fields.at("video_resource_url").as_string()};
    BOOST_TEST(url.starts_with(std::string{url_base} + "/"));
    BOOST_TEST(url.ends_with("_seed31337.mp4"));
    const auto facts = facts_of(result);
    // 1080p clips of v5 are 5 s long.
    BOOST_TEST(facts.ms == 5'000U);
    BOOST_TEST(facts.width == 1920U);
    BOOST_TEST(facts.height == 1080U);
    BOOST_TEST(result.fields.at("usage").at("credits").as_int64() == 120);
    const auto& resp = result.original_response.at("Resp");
    BOOST_TEST(result.original_response.at("ErrCode").as_int64() == 0);
    BOOST_TEST(resp.at("status").as_int64() == 1);
    BOOST_TEST(resp.at("outputWidth").as_uint64() == 1920U);
    BOOST_TEST(resp.at("resolution_ratio").as_uint64() == 1080U);
    BOOST_TEST(resp.at("seed").as_int64() == 31337);
    BOOST_TEST(std::string{resp.at("url").as_string()}.ends_with(url.substr(url.rfind('/') + 1)));
}

BOOST_AUTO_TEST_CASE(pixverse_takes_quality_and_ratio_from_provider_params_and_images_their_shape) {
    auto job = video_job("pixverse", "v6");
    job.params.set("duration", "12");
    job.params.set("provider_params", R"({"quality":"540p","aspect_ratio":"9:16"})");
    const auto text_to_video = facts_of(job.run());
    BOOST_TEST(text_to_video.ms == 12'000U);
    BOOST_TEST(text_to_video.width == 540U);
    BOOST_TEST(text_to_video.height == 960U);
    // A first keyframe is animated in its own (nearest) shape, whatever aspect_ratio says.
    job.file = image(1024, 1024);
    const auto image_to_video = facts_of(job.run());
    BOOST_TEST(image_to_video.width == 540U);
    BOOST_TEST(image_to_video.height == 540U);
}

BOOST_AUTO_TEST_CASE(pixverse_draws_a_seed_per_job_when_none_is_given) {
    auto job = video_job("pixverse");
    const std::string first{job.run().fields.at("video_resource_url").as_string()};
    BOOST_TEST(first == std::string{job.run().fields.at("video_resource_url").as_string()});
    job.job_id = "another-job";
    BOOST_TEST(first != std::string{job.run().fields.at("video_resource_url").as_string()});
}

BOOST_AUTO_TEST_CASE(pruna_delivers_output_mp4_in_720p_or_1080p_without_usage) {
    auto job = video_job("pruna", "p-video");
    job.params.set("dimension", "720x1280");
    job.params.set("duration", "30");
    const auto result = job.run();
    BOOST_TEST(result.fields.at("video_resource_url").as_string() ==
               std::string{url_base} + "/output.mp4");
    BOOST_TEST(result.fields.at("usage").is_null());
    const auto facts = facts_of(result);
    BOOST_TEST(facts.ms == 10'000U); // P-Video: at most 10 s
    BOOST_TEST(facts.width == 720U);
    BOOST_TEST(facts.height == 1280U);
    const auto& native = result.original_response;
    BOOST_TEST(native.at("status").as_string() == "succeeded");
    BOOST_TEST(native.at("model").as_string() == "p-video");
    BOOST_TEST(native.at("input").at("aspect_ratio").as_string() == "9:16");
    BOOST_TEST(std::string{native.at("generation_url").as_string()}.ends_with("/output.mp4"));

    job.model = "p-video-2";
    job.params.set("dimension", "3840x2160");
    const auto longer = facts_of(job.run());
    BOOST_TEST(longer.ms == 20'000U); // P-Video-2: at most 20 s
    BOOST_TEST(longer.width == 1920U);
    BOOST_TEST(longer.height == 1080U);
}

BOOST_AUTO_TEST_CASE(xai_makes_8_s_at_480p_unless_asked_and_bills_usd_ticks) {
    auto job = video_job("xai");
    job.params.set("dimension", "640x360");
    const auto result = job.run();
    const auto facts = facts_of(result);
    BOOST_TEST(facts.ms == 8'000U);
    BOOST_TEST(facts.width == 854U);
    BOOST_TEST(facts.height == 480U);
    BOOST_TEST(result.fields.at("usage").at("cost_in_usd_ticks").as_int64() == 4'000'000'000);
    const auto& native = result.original_response;
    BOOST_TEST(native.at("status").as_string() == "done");
    BOOST_TEST(native.at("model").as_string() == "grok-imagine-video");
    BOOST_TEST(native.at("usage") == result.fields.at("usage"));
    BOOST_TEST(native.at("video").at("duration").as_uint64() == 8U);
    const std::string request_id{native.at("request_id").as_string()};
    BOOST_TEST(result.fields.at("video_resource_url").as_string() ==
               std::string{url_base} + "/xai-video-" + request_id.substr(0, 8) + ".mp4");

    job.params.set("dimension", "1920x1080");
    job.params.set("duration", "20");
    const auto hd = job.run();
    BOOST_TEST(facts_of(hd).ms == 15'000U);
    BOOST_TEST(facts_of(hd).height == 720U);
    BOOST_TEST(hd.fields.at("usage").at("cost_in_usd_ticks").as_int64() == 10'500'000'000);
}

BOOST_AUTO_TEST_CASE(the_same_prompt_and_seed_give_the_same_video_whatever_the_job) {
    for (const auto provider : {"pixverse", "pruna", "xai"}) {
        BOOST_TEST_CONTEXT(provider) {
            auto job = video_job(provider);
            job.params.set("seed", "5");
            const auto video = job.run().fields.at("video");
            job.job_id = "another-job";
            BOOST_TEST(job.run().fields.at("video") == video);
            job.params.set("seed", "6");
            BOOST_TEST(job.run().fields.at("video") != video);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(v3_deepfake_detection)

BOOST_AUTO_TEST_CASE(resemble_scores_one_frame_per_2_s_window_inside_the_video) {
    for (const std::uint32_t ms : {1'000U, 17'500U, 120'000U}) {
        BOOST_TEST_CONTEXT(ms << " ms") {
            const v3_job job{deepfake, "resemble", mp4(ms)};
            const auto result = job.run();
            const auto& frames = result.fields.at("details_per_frame").as_array();
            BOOST_TEST(frames.size() == (ms + 1'999) / 2'000);
            double total = 0;
            for (std::size_t i = 0; i < frames.size(); ++i) {
                const double position = frames[i].at("position").as_double();
                BOOST_TEST(position >= 2'000.0 * static_cast<double>(i));
                BOOST_TEST(position < 2'000.0 * static_cast<double>(i) + 500.0);
                BOOST_TEST(position <= static_cast<double>(ms));
                const double score = frames[i].at("score").as_double();
                total += score;
                BOOST_TEST(frames[i].at("prediction").as_string() ==
                           (score >= 0.5 ? "deepfake" : "original"));
            }
            const double average = result.fields.at("average_score").as_double();
            BOOST_TEST(std::abs(average - total / static_cast<double>(frames.size())) < 0.001);
            BOOST_TEST(result.fields.at("prediction").as_string() ==
                       (average >= 0.5 ? "deepfake" : "original"));
        }
    }
}

BOOST_AUTO_TEST_CASE(resemble_original_response_is_its_video_metrics_tree_in_text_numbers) {
    const v3_job job{deepfake, "resemble", mp4(9'000)};
    const auto result = job.run();
    const auto& item = result.original_response.at("item");
    BOOST_TEST(result.original_response.at("success").as_bool());
    BOOST_TEST(item.at("status").as_string() == "completed");
    const auto& metrics = item.at("video_metrics");
    const std::string label{metrics.at("label").as_string()};
    BOOST_TEST((label == "Fake" || label == "Real"));
    BOOST_TEST(label ==
               (result.fields.at("prediction").as_string() == "deepfake" ? "Fake" : "Real"));
    BOOST_TEST(std::stod(std::string{metrics.at("score").as_string()}) ==
               result.fields.at("average_score").as_double());
    const auto& video = metrics.at("children").as_array().at(0);
    BOOST_TEST(video.at("type").as_string() == "VideoResult");
    const auto& frames = video.at("children").as_array();
    const auto& details = result.fields.at("details_per_frame").as_array();
    BOOST_REQUIRE(frames.size() == details.size());
    for (std::size_t i = 0; i < frames.size(); ++i) {
        BOOST_TEST(frames[i].at("type").as_string() == "ImageResult");
        BOOST_TEST(std::abs(std::stod(std::string{frames[i].at("timestamp").as_string()}) * 1000.0 -
                            details[i].at("position").as_double()) < 1e-6);
        BOOST_TEST(std::stod(std::string{frames[i].at("score").as_string()}) ==
                   details[i].at("score").as_double());
    }
}

BOOST_AUTO_TEST_SUITE_END()
