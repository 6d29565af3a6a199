#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/native_responses.hpp"
#include "fake_providers/video/video_common.hpp"
#include "fake_providers/video/video_features.hpp"
#include "fake_providers/video/video_scenes.hpp"

#include <algorithm>
#include <array>

namespace emu::fake::video {

namespace {

// An object tracked through the video (a file property).
struct object_track {
    std::string_view entity;
    segment span;
    norm_box box;
};

std::vector<object_track> video_objects(const generation_request& request, const timeline& clock) {
    const auto& setting = pick_scene(request);
    auto gen = file_rng(request, "objects");
    const auto count = gen.between(3, 6);
    std::vector<object_track> objects;
    for (std::int64_t i = 0; i < count; ++i) {
        const auto& entity =
            setting.objects[static_cast<std::size_t>(gen.below(setting.objects.size()))];
        const auto span = random_segment(gen, clock, 1.0, 8.0);
        objects.push_back({entity, span, random_box(gen, 0.05, 0.35, 0.05, 0.4)});
    }
    std::stable_sort(objects.begin(), objects.end(), [](const auto& a, const auto& b) {
        return a.span.start < b.span.start;
    });
    return objects;
}

// Google: a box about every 0.125 s per tracked object. Eden divides Google's 0..1 confidence
// by 100 (as its Google sample shows: 0.0098 for a 0.98 detection), and so does this emulator.
generated_result google_objects(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "objects");
    boost::json::array eden_objects;
    boost::json::array native_annotations;
    for (const auto& object : video_objects(request, clock)) {
        const double confidence = round_to(gen.uniform(0.5, 0.99), 8);
        norm_box box = object.box;
        boost::json::array frames;
        boost::json::array native_frames;
        for (const double t : sample_times(object.span.start, object.span.end, 0.125, 15)) {
            box = drift(gen, box, 0.01);
            const double at = clock.at(t, 6);
            frames.push_back(
                boost::json::object{{"timestamp", at}, {"bounding_box", box_json(box, 8)}});
            native_frames.push_back(boost::json::object{{"normalizedBoundingBox", google_box(box)},
                                                        {"timeOffset", google_offset(at)}});
        }
        eden_objects.push_back(boost::json::object{{"description", object.entity},
                                                   {"confidence", round_to(confidence / 100.0, 10)},
                                                   {"frames", std::move(frames)}});
        native_annotations.push_back(boost::json::object{
            {"entity", google_entity(object.entity)},
            {"frames", std::move(native_frames)},
            {"segment",
             google_segment(clock.at(object.span.start, 6), clock.at(object.span.end, 6))},
            {"confidence", confidence}});
    }
    generated_result result;
    result.fields["objects"] = std::move(eden_objects);
    if (request.original_response) {
        result.original_response = google_annotate_response(
            request, clock, "objectAnnotations", std::move(native_annotations));
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"google", google_objects},
};

} // namespace

generator_family object_tracking_family() {
    return {.feature = "video/object_tracking_async",
            .specific = own_generators,
            .generic = google_objects};
}

} // namespace emu::fake::video
