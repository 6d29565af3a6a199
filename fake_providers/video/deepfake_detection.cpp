#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/video_common.hpp"
#include "fake_providers/video/video_features.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace emu::fake::video {

namespace {

// Sightengine-style media id: "med_" and 21 base-62 characters.
std::string sightengine_media_id(const generation_request& request) {
    static constexpr std::string_view alphabet =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    auto gen = rng::for_result(request, "deepfake-media-id");
    std::string id = "med_";
    for (int i = 0; i < 21; ++i) {
        id += alphabet[static_cast<std::size_t>(gen.below(alphabet.size()))];
    }
    return id;
}

// Sightengine: a deepfake score per sampled frame (position in milliseconds) and their mean.
generated_result sightengine_deepfake(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    // Whether the video is manipulated belongs to the file; the frame scores vary per job.
    const bool manipulated = file_rng(request, "deepfake-verdict").chance(0.2);
    auto gen = rng::for_result(request, "deepfake");
    // A frame every 2 s, spaced wider (whole seconds) so long videos keep about 20 frames.
    const std::uint32_t step =
        std::max<std::uint32_t>(2000, (clock.duration_ms() / 19 + 999) / 1000 * 1000);
    boost::json::array details;
    boost::json::array native_frames;
    const std::string media_id = sightengine_media_id(request);
    double total = 0;
    for (std::uint32_t position = 0; position <= clock.duration_ms(); position += step) {
        // Manipulated videos still have frames where no face is visible, which score low.
        const bool face_swapped = manipulated && !gen.chance(0.15);
        const double raw = face_swapped       ? gen.uniform(0.55, 0.99)
                           : gen.chance(0.85) ? gen.uniform(0.001, 0.02)
                                              : gen.uniform(0.02, 0.35);
        const double score = round_to(raw, 3);
        total += score;
        details.push_back(
            boost::json::object{{"position", static_cast<double>(position)},
                                {"score", score},
                                {"prediction", score >= 0.5 ? "deepfake" : "original"}});
        native_frames.push_back(
            boost::json::object{{"info",
                                 {{"id", media_id + "_" + std::to_string(native_frames.size() + 1)},
                                  {"position", position}}},
                                {"type", {{"deepfake", score}}}});
    }
    const double average = round_to(total / static_cast<double>(details.size()), 3);
    generated_result result;
    result.fields["average_score"] = average;
    result.fields["prediction"] = average >= 0.5 ? "deepfake" : "original";
    result.fields["details_per_frame"] = std::move(details);
    if (request.original_response) {
        result.original_response = boost::json::object{
            {"status", "success"},
            {"request",
             {{"id", "req_" + derived_uuid(request, "deepfake-request").substr(0, 8)},
              {"operations", native_frames.size()}}},
            {"data", {{"frames", std::move(native_frames)}}},
            {"media", {{"id", media_id}, {"uri", input_name(request)}}}};
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"sightengine", sightengine_deepfake},
};

} // namespace

generator_family deepfake_detection_family() {
    return {.feature = "video/deepfake_detection_async",
            .specific = own_generators,
            .generic = sightengine_deepfake};
}

} // namespace emu::fake::video
