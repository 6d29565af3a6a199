#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/video_common.hpp"
#include "fake_providers/video/video_features.hpp"

#include <algorithm>
#include <array>
#include <charconv>
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

// Scores frames of one video. Whether the video is manipulated belongs to the file, so every
// provider and job agrees on it; the frame scores vary per job and provider.
class frame_scorer {
public:
    explicit frame_scorer(const generation_request& request)
        : manipulated_(file_rng(request, "deepfake-verdict").chance(0.2))
        , gen_(rng::for_result(request, "deepfake")) {}

    // A frame's deepfake score, 0..1 with 3 decimals. Manipulated videos still have frames
    // where no face is visible, which score low.
    double next() {
        const bool face_swapped = manipulated_ && !gen_.chance(0.15);
        const double raw = face_swapped        ? gen_.uniform(0.55, 0.99)
                           : gen_.chance(0.85) ? gen_.uniform(0.001, 0.02)
                                               : gen_.uniform(0.02, 0.35);
        return round_to(raw, 3);
    }

    rng& gen() { return gen_; }

private:
    bool manipulated_;
    rng gen_;
};

// Eden's verdict for a score.
std::string_view prediction_of(double score) {
    return score >= 0.5 ? "deepfake" : "original";
}

// Sightengine: a deepfake score per sampled frame (position in milliseconds) and their mean.
generated_result sightengine_deepfake(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    frame_scorer scorer{request};
    // A frame every 2 s, spaced wider (whole seconds) so long videos keep about 20 frames.
    const std::uint32_t step =
        std::max<std::uint32_t>(2000, (clock.duration_ms() / 19 + 999) / 1000 * 1000);
    boost::json::array details;
    boost::json::array native_frames;
    const std::string media_id = sightengine_media_id(request);
    double total = 0;
    for (std::uint32_t position = 0; position <= clock.duration_ms(); position += step) {
        const double score = scorer.next();
        total += score;
        details.push_back(boost::json::object{{"position", static_cast<double>(position)},
                                              {"score", score},
                                              {"prediction", prediction_of(score)}});
        native_frames.push_back(
            boost::json::object{{"info",
                                 {{"id", media_id + "_" + std::to_string(native_frames.size() + 1)},
                                  {"position", position}}},
                                {"type", {{"deepfake", score}}}});
    }
    const double average = round_to(total / static_cast<double>(details.size()), 3);
    generated_result result;
    result.fields["average_score"] = average;
    result.fields["prediction"] = prediction_of(average);
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

// Resemble writes its numbers as text, with up to 3 decimals: "0.9", "0.566".
std::string decimal_text(double value) {
    std::array<char, 32> buffer{};
    const auto end =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), round_to(value, 3));
    return std::string{buffer.data(), end.ptr};
}

// Resemble Detect: one frame analysed per 2 s window (its default frame_length), at a frame
// time inside the window; the video's score is the frames' mean. Eden gives the frame times in
// milliseconds, as for every provider. The native document is the detection's video_metrics
// tree (VideoResult, then ImageResult per frame); the audio track's metrics are left out.
generated_result resemble_deepfake(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    frame_scorer scorer{request};
    constexpr std::uint32_t window_ms = 2000;
    boost::json::array details;
    boost::json::array frames;
    double total = 0;
    for (std::uint32_t start = 0; start < clock.duration_ms(); start += window_ms) {
        // A frame of a 25 fps video within the window's first half second, inside the video.
        const auto offset = static_cast<std::uint32_t>(scorer.gen().below(13)) * 40;
        const auto at_ms = std::min(start + offset, clock.duration_ms());
        const double score = scorer.next();
        total += score;
        details.push_back(boost::json::object{{"position", static_cast<double>(at_ms)},
                                              {"score", score},
                                              {"prediction", prediction_of(score)}});
        const std::string conclusion = score >= 0.5 ? "Fake" : "Real";
        frames.push_back(
            boost::json::object{{"type", "ImageResult"},
                                {"conclusion", conclusion},
                                {"score", decimal_text(score)},
                                {"certainty", decimal_text(std::max(score, 1.0 - score))},
                                {"timestamp", decimal_text(static_cast<double>(at_ms) / 1000.0)},
                                {"children", boost::json::array{}}});
    }
    const double average = round_to(total / static_cast<double>(details.size()), 3);
    generated_result result;
    result.fields["average_score"] = average;
    result.fields["prediction"] = prediction_of(average);
    result.fields["details_per_frame"] = std::move(details);
    if (request.original_response) {
        const std::string label = average >= 0.5 ? "Fake" : "Real";
        const std::string certainty = decimal_text(std::max(average, 1.0 - average));
        boost::json::object video_result{{"type", "VideoResult"},
                                         {"conclusion", label},
                                         {"score", decimal_text(average)},
                                         {"certainty", certainty},
                                         {"children", std::move(frames)}};
        result.original_response =
            boost::json::object{{"success", true},
                                {"item",
                                 {{"uuid", derived_uuid(request, "resemble-detect")},
                                  {"media_type", "video"},
                                  {"status", "completed"},
                                  {"video_metrics",
                                   {{"label", label},
                                    {"score", decimal_text(average)},
                                    {"certainty", certainty},
                                    {"children", boost::json::array{std::move(video_result)}}}}}}};
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"resemble", resemble_deepfake},
    provider_generator{"sightengine", sightengine_deepfake},
};

} // namespace

generator_family deepfake_detection_family() {
    return {.feature = "video/deepfake_detection_async",
            .specific = own_generators,
            .generic = sightengine_deepfake};
}

} // namespace emu::fake::video
