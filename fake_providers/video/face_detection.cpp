#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/native_responses.hpp"
#include "fake_providers/video/video_common.hpp"
#include "fake_providers/video/video_features.hpp"
#include "fake_providers/video/video_scenes.hpp"

#include <algorithm>
#include <array>

namespace emu::fake::video {

namespace {

// A face seen in the video: when and where, fixed by the file.
struct face_track {
    segment span;
    norm_box box;
};

// The faces of the input video; both providers see the same people.
std::vector<face_track> video_faces(const generation_request& request, const timeline& clock) {
    const auto& setting = pick_scene(request);
    auto gen = file_rng(request, "faces");
    const auto count = gen.between(setting.min_people, setting.max_people);
    std::vector<face_track> faces;
    for (std::int64_t i = 0; i < count; ++i) {
        const auto span = random_segment(gen, clock, 0.3 * clock.seconds(), clock.seconds());
        faces.push_back({span, random_box(gen, 0.04, 0.12, 0.08, 0.2)});
    }
    return faces;
}

// A facial landmark Amazon reports, at fractions of the face box.
struct landmark_spot {
    std::string_view amazon_type;
    std::string_view eden_name;
    double fx;
    double fy;
};

constexpr std::array<landmark_spot, 5> face_landmarks{{
    {"eyeLeft", "eye_left", 0.32, 0.38},
    {"eyeRight", "eye_right", 0.68, 0.38},
    {"nose", "nose", 0.5, 0.6},
    {"mouthLeft", "mouth_left", 0.36, 0.8},
    {"mouthRight", "mouth_right", 0.64, 0.8},
}};

// Amazon: a detection of every visible face about every 0.5 s, with landmarks, pose (degrees
// / 100) and quality (/ 100), no facial attributes.
generated_result amazon_faces(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "faces");
    const auto faces = video_faces(request, clock);

    struct detection {
        std::int64_t ms;
        boost::json::object face;
        boost::json::object native;
    };

    std::vector<detection> detections;
    const std::size_t per_face = std::max<std::size_t>(2, 20 / faces.size());
    for (const auto& face : faces) {
        norm_box box = face.box;
        for (const double t : sample_times(face.span.start, face.span.end, 0.5, per_face)) {
            box = drift(gen, box, 0.01);
            const std::int64_t ms = clock.ms(t);
            const double pitch = gen.uniform(-45.0, 45.0);
            const double roll = gen.uniform(-20.0, 20.0);
            const double yaw = gen.uniform(-50.0, 50.0);
            const double brightness = gen.uniform(30.0, 85.0);
            const double sharpness = gen.uniform(5.0, 60.0);
            boost::json::object landmarks;
            boost::json::array native_landmarks;
            for (const auto& spot : face_landmarks) {
                const double fx = spot.fx + gen.uniform(-0.04, 0.04);
                const double fy = spot.fy + gen.uniform(-0.04, 0.04);
                const auto point = point_in(box, fx, fy, 8);
                landmarks[spot.eden_name] = point;
                native_landmarks.push_back(boost::json::object{
                    {"Type", spot.amazon_type}, {"X", point.at(0)}, {"Y", point.at(1)}});
            }
            boost::json::object attributes{{"headwear", nullptr},
                                           {"frontal_gaze", nullptr},
                                           {"eyes_visible", nullptr},
                                           {"glasses", nullptr},
                                           {"mouth_open", nullptr},
                                           {"smiling", nullptr},
                                           {"brightness", round_to(brightness / 100.0, 8)},
                                           {"sharpness", round_to(sharpness / 100.0, 8)},
                                           {"pose",
                                            {{"pitch", round_to(pitch / 100.0, 8)},
                                             {"roll", round_to(roll / 100.0, 8)},
                                             {"yawn", round_to(yaw / 100.0, 8)}}}};
            boost::json::object entry{{"offset", static_cast<double>(ms) / 1000.0},
                                      {"bounding_box", box_json(box, 8)},
                                      {"attributes", std::move(attributes)},
                                      {"landmarks", std::move(landmarks)}};
            boost::json::object native{{"Timestamp", ms},
                                       {"Face",
                                        {{"BoundingBox", amazon_box(box)},
                                         {"Landmarks", std::move(native_landmarks)},
                                         {"Pose",
                                          {{"Roll", round_to(roll, 6)},
                                           {"Yaw", round_to(yaw, 6)},
                                           {"Pitch", round_to(pitch, 6)}}},
                                         {"Quality",
                                          {{"Brightness", round_to(brightness, 6)},
                                           {"Sharpness", round_to(sharpness, 6)}}},
                                         {"Confidence", round_to(gen.uniform(95.0, 99.99), 6)}}}};
            detections.push_back({ms, std::move(entry), std::move(native)});
        }
    }
    std::stable_sort(detections.begin(), detections.end(), [](const auto& a, const auto& b) {
        return a.ms < b.ms;
    });
    boost::json::array eden_faces;
    boost::json::array native_faces;
    for (auto& item : detections) {
        eden_faces.push_back(std::move(item.face));
        native_faces.push_back(std::move(item.native));
    }
    generated_result result;
    result.fields["faces"] = std::move(eden_faces);
    if (request.original_response) {
        result.original_response = amazon_job_pages(
            request, clock, "Faces", std::move(native_faces), "FaceModelVersion", "7.0");
    }
    return result;
}

constexpr std::array<std::string_view, 6> google_attribute_names{
    "headwear", "looking_at_camera", "eyes_visible", "glasses", "mouth_open", "smiling"};
constexpr std::array<std::string_view, 6> eden_attribute_names{
    "headwear", "frontal_gaze", "eyes_visible", "glasses", "mouth_open", "smiling"};

// Google: one entry per face track (its first timestamped object), with attribute confidences
// but no landmarks, pose or quality.
generated_result google_faces(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "faces");
    boost::json::array eden_faces;
    boost::json::array native_annotations;
    for (const auto& face : video_faces(request, clock)) {
        // A face leaving and coming back makes a second track.
        const bool split = gen.chance(0.4) && face.span.end - face.span.start > 1.0;
        const double middle = (face.span.start + face.span.end) / 2.0;
        std::vector<segment> tracks{{face.span.start, split ? middle - 0.2 : face.span.end}};
        if (split) {
            tracks.push_back({middle + 0.2, face.span.end});
        }
        boost::json::array native_tracks;
        for (const auto& track : tracks) {
            const norm_box box = drift(gen, face.box, 0.03);
            const double t = clock.at(track.start, 6);
            boost::json::object attributes;
            boost::json::array native_attributes;
            for (std::size_t i = 0; i < eden_attribute_names.size(); ++i) {
                // Most attributes are absent most of the time: confidences skew low.
                const double u = gen.unit();
                const double confidence = round_to(u * u * u, 8);
                attributes[eden_attribute_names[i]] = confidence;
                native_attributes.push_back(boost::json::object{{"name", google_attribute_names[i]},
                                                                {"confidence", confidence}});
            }
            attributes["brightness"] = nullptr;
            attributes["sharpness"] = nullptr;
            attributes["pose"] = {{"pitch", nullptr}, {"roll", nullptr}, {"yawn", nullptr}};
            eden_faces.push_back(boost::json::object{{"offset", t},
                                                     {"bounding_box", box_json(box, 8)},
                                                     {"attributes", std::move(attributes)},
                                                     {"landmarks",
                                                      {{"eye_left", boost::json::array{}},
                                                       {"eye_right", boost::json::array{}},
                                                       {"nose", boost::json::array{}},
                                                       {"mouth_left", boost::json::array{}},
                                                       {"mouth_right", boost::json::array{}}}}});
            native_tracks.push_back(
                boost::json::object{{"segment", google_segment(t, clock.at(track.end, 6))},
                                    {"timestampedObjects",
                                     boost::json::array{boost::json::object{
                                         {"normalizedBoundingBox", google_box(box)},
                                         {"timeOffset", google_offset(t)},
                                         {"attributes", std::move(native_attributes)}}}},
                                    {"confidence", round_to(gen.uniform(0.7, 0.99), 7)}});
        }
        native_annotations.push_back(boost::json::object{{"tracks", std::move(native_tracks)},
                                                         {"version", "builtin/stable"}});
    }
    generated_result result;
    result.fields["faces"] = std::move(eden_faces);
    if (request.original_response) {
        result.original_response = google_annotate_response(
            request, clock, "faceDetectionAnnotations", std::move(native_annotations));
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"amazon", amazon_faces},
    provider_generator{"google", google_faces},
};

} // namespace

generator_family face_detection_family() {
    return {.feature = "video/face_detection_async",
            .specific = own_generators,
            .generic = google_faces};
}

} // namespace emu::fake::video
