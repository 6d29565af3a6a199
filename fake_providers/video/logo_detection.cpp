#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/native_responses.hpp"
#include "fake_providers/video/video_common.hpp"
#include "fake_providers/video/video_features.hpp"
#include "fake_providers/video/video_scenes.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace emu::fake::video {

namespace {

// A brand logo shown in the video: which, when and where (a file property).
struct logo_sighting {
    std::string_view brand;
    segment span;
    norm_box box;
};

std::vector<logo_sighting> video_logos(const generation_request& request, const timeline& clock) {
    const auto& setting = pick_scene(request);
    auto gen = file_rng(request, "logos");
    std::vector<std::string_view> brands(setting.logos.begin(), setting.logos.end());
    const auto count = static_cast<std::size_t>(gen.between(1, 3));
    std::vector<logo_sighting> logos;
    for (std::size_t i = 0; i < count && !brands.empty(); ++i) {
        const auto pick = static_cast<std::size_t>(gen.below(brands.size()));
        const auto span = random_segment(gen, clock, 0.5, 4.0);
        logos.push_back({brands[pick], span, random_box(gen, 0.05, 0.15, 0.03, 0.1)});
        brands.erase(brands.begin() + static_cast<std::ptrdiff_t>(pick));
    }
    std::sort(logos.begin(), logos.end(), [](const auto& a, const auto& b) {
        return a.span.start < b.span.start;
    });
    return logos;
}

// Google: a track per logo, a box every 0.125 s or so, the track's confidence on each frame.
generated_result google_logos(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "logos");
    boost::json::array eden_logos;
    boost::json::array native_annotations;
    for (const auto& logo : video_logos(request, clock)) {
        const double confidence = round_to(gen.uniform(0.55, 0.95), 7);
        norm_box box = logo.box;
        boost::json::array tracking;
        boost::json::array native_objects;
        for (const double t : sample_times(logo.span.start, logo.span.end, 0.125, 12)) {
            box = drift(gen, box, 0.005);
            const double at = clock.at(t, 6);
            tracking.push_back(boost::json::object{
                {"timestamp", at}, {"bounding_box", box_json(box, 8)}, {"confidence", confidence}});
            native_objects.push_back(boost::json::object{{"normalizedBoundingBox", google_box(box)},
                                                         {"timeOffset", google_offset(at)}});
        }
        eden_logos.push_back(
            boost::json::object{{"description", logo.brand}, {"tracking", std::move(tracking)}});
        const auto span = google_segment(clock.at(logo.span.start, 6), clock.at(logo.span.end, 6));
        native_annotations.push_back(boost::json::object{
            {"entity", google_entity(logo.brand)},
            {"tracks",
             {boost::json::object{{"segment", span},
                                  {"timestampedObjects", std::move(native_objects)},
                                  {"confidence", confidence}}}},
            {"segments", {span}}});
    }
    generated_result result;
    result.fields["logos"] = std::move(eden_logos);
    if (request.original_response) {
        result.original_response = google_annotate_response(
            request, clock, "logoRecognitionAnnotations", std::move(native_annotations));
    }
    return result;
}

// Twelve Labs: one sighting per logo at a whole second, without geometry.
generated_result twelvelabs_logos(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "logos");
    boost::json::array eden_logos;
    boost::json::array native_data;
    for (const auto& logo : video_logos(request, clock)) {
        const double confidence = round_to(gen.uniform(0.8, 0.99), 8);
        const double start = std::floor(logo.span.start);
        eden_logos.push_back(
            boost::json::object{{"description", logo.brand},
                                {"tracking",
                                 {boost::json::object{{"timestamp", start},
                                                      {"bounding_box", null_box_json()},
                                                      {"confidence", confidence}}}}});
        native_data.push_back(
            boost::json::object{{"start", start},
                                {"end", std::max(start, std::floor(logo.span.end))},
                                {"value", logo.brand},
                                {"confidence", confidence}});
    }
    generated_result result;
    result.fields["logos"] = std::move(eden_logos);
    if (request.original_response) {
        result.original_response = boost::json::object{
            {"id", derived_uuid(request, "twelvelabs-video-id")}, {"data", std::move(native_data)}};
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"google", google_logos},
    provider_generator{"twelvelabs", twelvelabs_logos},
};

} // namespace

generator_family logo_detection_family() {
    return {.feature = "video/logo_detection_async",
            .specific = own_generators,
            .generic = google_logos};
}

} // namespace emu::fake::video
