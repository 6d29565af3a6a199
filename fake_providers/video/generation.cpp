#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/generated_video.hpp"
#include "fake_providers/video/generation_providers.hpp"
#include "fake_providers/video/video_features.hpp"

#include <array>
#include <string>
#include <utility>

namespace emu::fake::video {

namespace {

// The provider's own job record, as Eden keeps it in original_response.
boost::json::value
native_job(const generation_request& request, const video_request& wanted, const std::string& url) {
    const std::string id = derived_uuid(request, "generation-job");
    std::string compact = id;
    std::erase(compact, '-');
    const std::string prompt{request.params.get_or("text", "")};
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
            {"seed", wanted.seed},
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

// The v2 providers and those without a character of their own: an MP4 of the requested length,
// frame rate and display size, base64 in `video`, served at <resource_url_base>/video.mp4.
generated_result generate_video(const generation_request& request) {
    const auto wanted = read_video_request(request.params);
    auto made = make_generated_video(request, wanted, "video.mp4");
    if (request.original_response) {
        made.result.original_response = native_job(request, wanted, made.url);
    }
    return std::move(made.result);
}

constexpr std::array own_generators{
    provider_generator{"pixverse", pixverse_video},
    provider_generator{"pruna", pruna_video},
    provider_generator{"xai", xai_video},
};

} // namespace

generator_family generation_family() {
    return {
        .feature = "video/generation_async", .specific = own_generators, .generic = generate_video};
}

} // namespace emu::fake::video
