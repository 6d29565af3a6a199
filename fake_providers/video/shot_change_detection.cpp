#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/native_responses.hpp"
#include "fake_providers/video/video_common.hpp"
#include "fake_providers/video/video_features.hpp"

#include <array>

namespace emu::fake::video {

namespace {

// Google: consecutive shots covering the video, in seconds; Google's own response carries the
// same offsets as "1.04s" strings.
generated_result google_shots(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "shots");
    boost::json::array shots;
    boost::json::array native_shots;
    for (const auto& shot : shot_segments(gen, clock)) {
        shots.push_back(
            boost::json::object{{"startTimeOffset", shot.start}, {"endTimeOffset", shot.end}});
        native_shots.push_back(google_segment(shot.start, shot.end));
    }
    generated_result result;
    result.fields["shotAnnotations"] = std::move(shots);
    if (request.original_response) {
        result.original_response =
            google_annotate_response(request, clock, "shotAnnotations", std::move(native_shots));
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"google", google_shots},
};

} // namespace

generator_family shot_change_detection_family() {
    return {.feature = "video/shot_change_detection_async",
            .specific = own_generators,
            .generic = google_shots};
}

} // namespace emu::fake::video
