#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/mp4_writer.hpp"
#include "fake_providers/video/video_common.hpp"
#include "fake_providers/video/video_features.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string>

namespace emu::fake::video {

namespace {

// The video asked for, with the emulator's limits applied.
struct video_request {
    std::uint32_t seconds = 6;
    std::uint32_t fps = 24;
    std::uint32_t width = 1280;
    std::uint32_t height = 720;
};

// Reads duration (kept within 1..60 s), fps (1..60) and dimension ("WxH", each side 16..4096;
// the default 1280x720 when malformed).
video_request read_request(const launch_params& params) {
    video_request wanted;
    wanted.seconds = static_cast<std::uint32_t>(
        std::clamp<std::int64_t>(params.get_int("duration").value_or(6), 1, 60));
    wanted.fps = static_cast<std::uint32_t>(
        std::clamp<std::int64_t>(params.get_int("fps").value_or(24), 1, 60));
    const auto dimension = params.get_or("dimension", "1280x720");
    const auto x = dimension.find_first_of("xX*");
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    if (x != std::string_view::npos) {
        const auto w_end = dimension.data() + x;
        const auto h_end = dimension.data() + dimension.size();
        const auto w_ok = std::from_chars(dimension.data(), w_end, width);
        const auto h_ok = std::from_chars(w_end + 1, h_end, height);
        if (w_ok.ec == std::errc{} && w_ok.ptr == w_end && h_ok.ec == std::errc{} &&
            h_ok.ptr == h_end) {
            wanted.width = std::clamp<std::uint32_t>(width, 16, 4096);
            wanted.height = std::clamp<std::uint32_t>(height, 16, 4096);
        }
    }
    return wanted;
}

// The provider's generator: the same prompt, seed and settings give the same video whatever
// the job, as providers promise for a fixed seed.
rng content_rng(const generation_request& request, const video_request& wanted) {
    const std::string identity = std::string{request.params.get_or("text", "")} + "|" +
                                 std::string{request.params.get_or("seed", "12")} + "|" +
                                 std::string{request.model} + "|" + std::to_string(wanted.width) +
                                 "x" + std::to_string(wanted.height);
    generation_request prompt_level = request;
    prompt_level.job_id = identity;
    return rng::for_result(prompt_level, "generated-video");
}

// A small picture per step of the animation: a vertical gradient between two colours with a
// bright band sweeping down, stored at 16 or 32 pixels wide and shown at the requested size.
raw_video make_video(const generation_request& request, const video_request& wanted) {
    auto gen = content_rng(request, wanted);
    raw_video video;
    video.display_width = wanted.width;
    video.display_height = wanted.height;
    // Stored widths are multiples of 16 so no decoder pads the rows.
    video.coded_width = wanted.width >= wanted.height ? 32 : 16;
    const auto scaled = std::lround(static_cast<double>(video.coded_width) * wanted.height /
                                    static_cast<double>(wanted.width));
    video.coded_height = static_cast<std::uint32_t>(std::clamp<long>(scaled / 2 * 2, 2, 64));
    video.fps = wanted.fps;
    video.frame_count = wanted.seconds * wanted.fps;
    std::array<double, 3> top{};
    std::array<double, 3> bottom{};
    for (std::size_t c = 0; c < 3; ++c) {
        top[c] = gen.uniform(20.0, 235.0);
        bottom[c] = gen.uniform(20.0, 235.0);
    }
    const std::uint32_t steps = std::min<std::uint32_t>(video.frame_count, 8);
    for (std::uint32_t step = 0; step < steps; ++step) {
        const double band = (static_cast<double>(step) + 0.5) / static_cast<double>(steps);
        std::string picture;
        picture.reserve(static_cast<std::size_t>(video.coded_width) * video.coded_height * 3);
        for (std::uint32_t y = 0; y < video.coded_height; ++y) {
            const double v =
                (static_cast<double>(y) + 0.5) / static_cast<double>(video.coded_height);
            const double glow = std::max(0.0, 1.0 - std::abs(v - band) * 6.0);
            for (std::uint32_t x = 0; x < video.coded_width; ++x) {
                for (std::size_t c = 0; c < 3; ++c) {
                    const double base = top[c] + (bottom[c] - top[c]) * v;
                    const double value = base + (255.0 - base) * glow * 0.8;
                    picture.push_back(
                        static_cast<char>(static_cast<unsigned char>(std::lround(value))));
                }
            }
        }
        video.pictures.push_back(std::move(picture));
    }
    return video;
}

// The provider's own job record, as Eden keeps it in original_response.
boost::json::value
native_job(const generation_request& request, const video_request& wanted, const std::string& url) {
    const std::string id = derived_uuid(request, "generation-job");
    std::string compact = id;
    std::erase(compact, '-');
    const std::string prompt{request.params.get_or("text", "")};
    const auto seed = request.params.get_int("seed").value_or(12);
    const std::string size = std::to_string(wanted.width) + "x" + std::to_string(wanted.height);
    const auto model_or = [&](std::string_view fallback) {
        return request.model.empty() ? std::string{fallback} : std::string{request.model};
    };
    const std::string_view provider = request.provider;
    if (provider == "amazon") {
        return boost::json::object{
            {"invocationArn",
             "arn:aws:bedrock:us-east-1:000000000000:async-invoke/" + compact.substr(0, 12)},
            {"modelArn",
             "arn:aws:bedrock:us-east-1::foundation-model/" + model_or("amazon.nova-reel-v1:1")},
            {"clientRequestToken", id},
            {"status", "Completed"},
            {"outputDataConfig",
             {{"s3OutputDataConfig", {{"s3Uri", "s3://us-storage/" + compact.substr(0, 12)}}}}}};
    }
    if (provider == "bytedance") {
        return boost::json::object{
            {"id", "cgt-" + compact.substr(0, 14) + "-" + compact.substr(14, 5)},
            {"model", model_or("seedance-1-0-pro-250528")},
            {"status", "succeeded"},
            {"content", {{"video_url", url}}},
            {"usage",
             {{"completion_tokens", wanted.seconds * 40'000},
              {"total_tokens", wanted.seconds * 40'000}}},
            {"seed", seed},
            {"duration", wanted.seconds},
            {"framespersecond", wanted.fps}};
    }
    if (provider == "minimax") {
        return boost::json::object{
            {"task_id", std::to_string(fnv1a(id) % 1'000'000'000'000'000ULL)},
            {"status", "Success"},
            {"file_id", std::to_string(fnv1a(compact) % 1'000'000'000'000'000ULL)},
            {"video_width", wanted.width},
            {"video_height", wanted.height},
            {"base_resp", {{"status_code", 0}, {"status_msg", "success"}}}};
    }
    if (provider == "openai") {
        return boost::json::object{{"id", "video_" + compact},
                                   {"object", "video"},
                                   {"model", model_or("sora-2")},
                                   {"status", "completed"},
                                   {"progress", 100},
                                   {"seconds", std::to_string(wanted.seconds)},
                                   {"size", size}};
    }
    if (provider == "microsoft") {
        const std::string job = "task_" + compact.substr(0, 26);
        return boost::json::object{{"object", "video.generation.job"},
                                   {"id", job},
                                   {"status", "succeeded"},
                                   {"model", model_or("sora")},
                                   {"prompt", prompt},
                                   {"n_variants", 1},
                                   {"n_seconds", wanted.seconds},
                                   {"height", wanted.height},
                                   {"width", wanted.width},
                                   {"generations",
                                    {boost::json::object{{"object", "video.generation"},
                                                         {"id", "gen_" + compact.substr(6, 26)},
                                                         {"job_id", job},
                                                         {"width", wanted.width},
                                                         {"height", wanted.height},
                                                         {"n_seconds", wanted.seconds},
                                                         {"prompt", prompt}}}}};
    }
    // Google Veo's long-running operation.
    return boost::json::object{
        {"name",
         "models/" + model_or("veo-2.0-generate-001") + "/operations/" + compact.substr(0, 12)},
        {"done", true},
        {"response",
         {{"@type",
           "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse"},
          {"generateVideoResponse",
           {{"generatedSamples", {boost::json::object{{"video", {{"uri", url}}}}}}}}}}};
}

// Every provider: an MP4 of the requested length, frame rate and display size, base64 in
// `video`, served at <resource_url_base>/video.mp4.
generated_result generate_video(const generation_request& request) {
    const auto wanted = read_request(request.params);
    const std::string bytes = write_mp4(make_video(request, wanted));
    const std::string url = std::string{request.resource_url_base} + "/video.mp4";
    generated_result result;
    result.fields["video"] = base64_encode(bytes);
    result.fields["video_resource_url"] = url;
    result.media_field = "video";
    if (request.original_response) {
        result.original_response = native_job(request, wanted, url);
    }
    return result;
}

} // namespace

generator_family generation_family() {
    return {.feature = "video/generation_async", .generic = generate_video};
}

} // namespace emu::fake::video
