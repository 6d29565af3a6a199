#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/native_responses.hpp"
#include "fake_providers/video/video_common.hpp"
#include "fake_providers/video/video_features.hpp"
#include "fake_providers/video/video_scenes.hpp"

#include <algorithm>
#include <array>

namespace emu::fake::video {

namespace {

// A person walking through the video (a file property), with what they wear.
struct person_track {
    segment span;
    norm_box box;
    std::string_view upper;
    std::string_view lower;
};

constexpr std::array<std::string_view, 6> upper_clothes{
    "Shirt", "T-Shirt", "Jacket", "Coat", "Sweater", "Hoodie"};
constexpr std::array<std::string_view, 4> lower_clothes{"Jeans", "Trousers", "Shorts", "Skirt"};

// Eden's PersonLandmarks keys, in its order; Amazon and Google fill different subsets.
constexpr std::array<std::string_view, 19> landmark_keys{"eye_left",
                                                         "eye_right",
                                                         "nose",
                                                         "ear_left",
                                                         "ear_right",
                                                         "shoulder_left",
                                                         "shoulder_right",
                                                         "elbow_left",
                                                         "elbow_right",
                                                         "wrist_left",
                                                         "wrist_right",
                                                         "hip_left",
                                                         "hip_right",
                                                         "knee_left",
                                                         "knee_right",
                                                         "ankle_left",
                                                         "ankle_right",
                                                         "mouth_left",
                                                         "mouth_right"};

// A body keypoint: Eden's key, the provider's name and where it sits in the person's box.
struct keypoint {
    std::string_view eden_key;
    std::string_view native_name;
    double fx;
    double fy;
};

constexpr std::array<keypoint, 15> google_keypoints{{
    {"nose", "nose", 0.5, 0.08},
    {"eye_left", "left_eye", 0.56, 0.06},
    {"eye_right", "right_eye", 0.44, 0.06},
    {"shoulder_left", "left_shoulder", 0.7, 0.2},
    {"shoulder_right", "right_shoulder", 0.3, 0.2},
    {"elbow_left", "left_elbow", 0.76, 0.35},
    {"elbow_right", "right_elbow", 0.24, 0.35},
    {"wrist_left", "left_wrist", 0.8, 0.48},
    {"wrist_right", "right_wrist", 0.2, 0.48},
    {"hip_left", "left_hip", 0.6, 0.52},
    {"hip_right", "right_hip", 0.4, 0.52},
    {"knee_left", "left_knee", 0.6, 0.72},
    {"knee_right", "right_knee", 0.4, 0.72},
    {"ankle_left", "left_ankle", 0.6, 0.95},
    {"ankle_right", "right_ankle", 0.4, 0.95},
}};

constexpr std::array<keypoint, 5> amazon_face_keypoints{{
    {"eye_left", "eyeLeft", 0.56, 0.06},
    {"eye_right", "eyeRight", 0.44, 0.06},
    {"nose", "nose", 0.5, 0.09},
    {"mouth_left", "mouthLeft", 0.55, 0.12},
    {"mouth_right", "mouthRight", 0.45, 0.12},
}};

std::vector<person_track> video_people(const generation_request& request, const timeline& clock) {
    const auto& setting = pick_scene(request);
    auto gen = file_rng(request, "people");
    const auto count = gen.between(setting.min_people, setting.max_people);
    std::vector<person_track> people;
    for (std::int64_t i = 0; i < count; ++i) {
        const auto span = random_segment(gen, clock, 1.0, 10.0);
        const auto box = random_box(gen, 0.1, 0.3, 0.35, 0.8);
        people.push_back(
            {span,
             box,
             upper_clothes[static_cast<std::size_t>(gen.below(upper_clothes.size()))],
             lower_clothes[static_cast<std::size_t>(gen.below(lower_clothes.size()))]});
    }
    return people;
}

// Eden's landmarks object with every key present and the given ones filled.
boost::json::object landmarks_with(const boost::json::object& filled) {
    boost::json::object landmarks;
    for (const auto key : landmark_keys) {
        if (const auto* point = filled.if_contains(key)) {
            landmarks[key] = *point;
        } else {
            landmarks[key] = boost::json::array{};
        }
    }
    return landmarks;
}

// Amazon: the person's box every sampled frame (timestamps in milliseconds); when the face is
// visible also face landmarks, pose (degrees) and quality (0..100). No clothing attributes.
generated_result amazon_people(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "people");
    boost::json::array persons;
    boost::json::array native_persons;
    std::int64_t index = 0;
    for (const auto& person : video_people(request, clock)) {
        norm_box box = person.box;
        boost::json::array tracked;
        for (const double t : sample_times(person.span.start, person.span.end, 0.067, 6)) {
            box = drift(gen, box, 0.02);
            const std::int64_t ms = clock.ms(t);
            boost::json::object native_person{{"Index", index}, {"BoundingBox", amazon_box(box)}};
            boost::json::object filled;
            boost::json::object poses{{"pitch", nullptr}, {"roll", nullptr}, {"yaw", nullptr}};
            boost::json::object quality{{"brightness", nullptr}, {"sharpness", nullptr}};
            if (gen.chance(0.35)) {
                boost::json::array native_landmarks;
                for (const auto& spot : amazon_face_keypoints) {
                    const auto point = point_in(box, spot.fx, spot.fy + gen.uniform(0.0, 0.02), 8);
                    filled[spot.eden_key] = point;
                    native_landmarks.push_back(boost::json::object{
                        {"Type", spot.native_name}, {"X", point.at(0)}, {"Y", point.at(1)}});
                }
                poses = {{"pitch", round_to(gen.uniform(-45.0, 45.0), 6)},
                         {"roll", round_to(gen.uniform(-25.0, 25.0), 6)},
                         {"yaw", round_to(gen.uniform(-60.0, 60.0), 6)}};
                quality = {{"brightness", round_to(gen.uniform(30.0, 90.0), 6)},
                           {"sharpness", round_to(gen.uniform(2.0, 90.0), 6)}};
                native_person["Face"] = {{"BoundingBox",
                                          amazon_box({box.left + 0.3 * box.width,
                                                      box.top,
                                                      0.4 * box.width,
                                                      0.16 * box.height})},
                                         {"Landmarks", std::move(native_landmarks)},
                                         {"Pose",
                                          {{"Roll", poses.at("roll")},
                                           {"Yaw", poses.at("yaw")},
                                           {"Pitch", poses.at("pitch")}}},
                                         {"Quality",
                                          {{"Brightness", quality.at("brightness")},
                                           {"Sharpness", quality.at("sharpness")}}},
                                         {"Confidence", round_to(gen.uniform(90.0, 99.99), 6)}};
            }
            tracked.push_back(boost::json::object{
                {"offset", static_cast<double>(ms) / 1000.0},
                {"attributes",
                 {{"upper_cloths", boost::json::array{}}, {"lower_cloths", boost::json::array{}}}},
                {"landmarks", landmarks_with(filled)},
                {"poses", std::move(poses)},
                {"quality", std::move(quality)},
                {"bounding_box", box_json(box, 8)}});
            native_persons.push_back(
                boost::json::object{{"Timestamp", ms}, {"Person", std::move(native_person)}});
        }
        persons.push_back(boost::json::object{{"tracked", std::move(tracked)}});
        ++index;
    }
    generated_result result;
    result.fields["persons"] = std::move(persons);
    if (request.original_response) {
        result.original_response = amazon_job_pages(
            request, clock, "Persons", std::move(native_persons), "PersonModelVersion", "1.0");
    }
    return result;
}

// Google: the person's box, body keypoints and clothing attributes about every 0.1 s; no face
// pose or quality.
generated_result google_people(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "people");
    boost::json::array persons;
    boost::json::array native_annotations;
    for (const auto& person : video_people(request, clock)) {
        norm_box box = person.box;
        boost::json::array tracked;
        boost::json::array native_objects;
        // Full body keypoints make each entry large: fewer frames than Amazon's.
        for (const double t : sample_times(person.span.start, person.span.end, 0.1, 4)) {
            box = drift(gen, box, 0.02);
            const double at = clock.at(t, 6);
            const double upper_confidence = round_to(gen.uniform(0.5, 0.95), 7);
            const double lower_confidence = round_to(gen.uniform(0.5, 0.95), 7);
            boost::json::object filled;
            boost::json::array native_landmarks;
            for (const auto& spot : google_keypoints) {
                const double fx = std::clamp(spot.fx + gen.uniform(-0.03, 0.03), 0.0, 1.0);
                const double fy = std::clamp(spot.fy + gen.uniform(-0.02, 0.02), 0.0, 1.0);
                const auto point = point_in(box, fx, fy, 6);
                filled[spot.eden_key] = point;
                native_landmarks.push_back(
                    boost::json::object{{"name", spot.native_name},
                                        {"point", {{"x", point.at(0)}, {"y", point.at(1)}}},
                                        {"confidence", round_to(gen.uniform(0.4, 0.95), 7)}});
            }
            tracked.push_back(boost::json::object{
                {"offset", at},
                {"attributes",
                 {{"upper_cloths",
                   {boost::json::object{{"value", person.upper},
                                        {"confidence", upper_confidence}}}},
                  {"lower_cloths",
                   {boost::json::object{{"value", person.lower},
                                        {"confidence", lower_confidence}}}}}},
                {"landmarks", landmarks_with(filled)},
                {"poses", {{"pitch", nullptr}, {"roll", nullptr}, {"yaw", nullptr}}},
                {"quality", {{"brightness", nullptr}, {"sharpness", nullptr}}},
                {"bounding_box", box_json(box, 8)}});
            native_objects.push_back(
                boost::json::object{{"normalizedBoundingBox", google_box(box)},
                                    {"timeOffset", google_offset(at)},
                                    {"attributes",
                                     {boost::json::object{{"name", "UpperCloth"},
                                                          {"value", person.upper},
                                                          {"confidence", upper_confidence}},
                                      boost::json::object{{"name", "LowerCloth"},
                                                          {"value", person.lower},
                                                          {"confidence", lower_confidence}}}},
                                    {"landmarks", std::move(native_landmarks)}});
        }
        persons.push_back(boost::json::object{{"tracked", std::move(tracked)}});
        native_annotations.push_back(boost::json::object{
            {"tracks",
             {boost::json::object{
                 {"segment",
                  google_segment(clock.at(person.span.start, 6), clock.at(person.span.end, 6))},
                 {"timestampedObjects", std::move(native_objects)},
                 {"confidence", round_to(gen.uniform(0.7, 0.99), 7)}}}},
            {"version", "builtin/stable"}});
    }
    generated_result result;
    result.fields["persons"] = std::move(persons);
    if (request.original_response) {
        result.original_response = google_annotate_response(
            request, clock, "personDetectionAnnotations", std::move(native_annotations));
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"amazon", amazon_people},
    provider_generator{"google", google_people},
};

} // namespace

generator_family person_tracking_family() {
    return {.feature = "video/person_tracking_async",
            .specific = own_generators,
            .generic = google_people};
}

} // namespace emu::fake::video
