#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/native_responses.hpp"
#include "fake_providers/video/video_common.hpp"
#include "fake_providers/video/video_features.hpp"
#include "fake_providers/video/video_scenes.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace emu::fake::video {

namespace {

// The scene's labels this video shows (a file property): 6 to all of them, in a file-specific
// order.
std::vector<const scene_label*> video_labels(const generation_request& request) {
    const auto& setting = pick_scene(request);
    auto gen = file_rng(request, "labels");
    std::vector<const scene_label*> labels;
    for (const auto& label : setting.labels) {
        labels.push_back(&label);
    }
    for (std::size_t i = labels.size(); i > 1; --i) {
        std::swap(labels[i - 1], labels[static_cast<std::size_t>(gen.below(i))]);
    }
    const auto keep = static_cast<std::size_t>(
        gen.between(std::min<std::int64_t>(6, static_cast<std::int64_t>(labels.size())),
                    static_cast<std::int64_t>(labels.size())));
    labels.resize(keep);
    return labels;
}

boost::json::array category_of(const scene_label& label) {
    boost::json::array category;
    if (!label.category.empty()) {
        category.push_back(boost::json::string{label.category});
    }
    return category;
}

// Google: segment labels spanning the whole video, then shot labels with one time range per
// shot showing them; confidences on a 0..100 scale as in Eden's Google sample.
generated_result google_labels(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "labels");
    const auto labels = video_labels(request);
    const auto shots = shot_segments(gen, clock);
    boost::json::array eden_labels;
    boost::json::array segment_annotations;
    boost::json::array shot_annotations;
    const double end = clock.at(clock.seconds(), 6);
    for (const auto* label : labels) {
        const double confidence = gen.uniform(0.3, 0.99);
        eden_labels.push_back(
            boost::json::object{{"name", label->name},
                                {"confidence", round_to(confidence * 100.0, 6)},
                                {"timestamp", {boost::json::object{{"start", 0.0}, {"end", end}}}},
                                {"category", category_of(*label)},
                                {"bounding_box", boost::json::array{}}});
        boost::json::object annotation{{"entity", google_entity(label->name)}};
        if (!label->category.empty()) {
            annotation["categoryEntities"] = {google_entity(label->category)};
        }
        annotation["segments"] = {boost::json::object{{"segment", google_segment(0.0, end)},
                                                      {"confidence", round_to(confidence, 7)}}};
        segment_annotations.push_back(std::move(annotation));
    }
    for (const auto* label : labels) {
        boost::json::array timestamps;
        boost::json::array native_segments;
        double total = 0;
        for (const auto& shot : shots) {
            // The first shot always shows the label, so every shot label has a time range.
            if ((!timestamps.empty() && gen.chance(0.4)) || timestamps.size() == 10) {
                continue;
            }
            const double confidence = gen.uniform(0.3, 0.99);
            total += confidence;
            timestamps.push_back(boost::json::object{{"start", shot.start}, {"end", shot.end}});
            native_segments.push_back(
                boost::json::object{{"segment", google_segment(shot.start, shot.end)},
                                    {"confidence", round_to(confidence, 7)}});
        }
        eden_labels.push_back(boost::json::object{
            {"name", label->name},
            {"confidence", round_to(total / static_cast<double>(timestamps.size()) * 100.0, 6)},
            {"timestamp", std::move(timestamps)},
            {"category", category_of(*label)},
            {"bounding_box", boost::json::array{}}});
        boost::json::object annotation{{"entity", google_entity(label->name)}};
        if (!label->category.empty()) {
            annotation["categoryEntities"] = {google_entity(label->category)};
        }
        annotation["segments"] = std::move(native_segments);
        shot_annotations.push_back(std::move(annotation));
    }
    generated_result result;
    result.fields["labels"] = std::move(eden_labels);
    if (request.original_response) {
        auto response = google_annotate_response(
            request, clock, "segmentLabelAnnotations", std::move(segment_annotations));
        response.at("annotationResults").at(0).as_object()["shotLabelAnnotations"] =
            std::move(shot_annotations);
        result.original_response = std::move(response);
    }
    return result;
}

// Amazon's label name: Google's in title case ("Motor Vehicle").
std::string amazon_name(std::string_view name) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : name) {
        if (c == ' ') {
            words.push_back(std::move(word));
            word.clear();
        } else {
            word.push_back(c);
        }
    }
    words.push_back(std::move(word));
    return title_case(words);
}

// Amazon: one entry per label and sampled time (start only, end null), confidence / 100,
// parents as categories and instance boxes for object-like labels.
generated_result amazon_labels(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "labels");
    const auto labels = video_labels(request);
    boost::json::array eden_labels;
    boost::json::array native_labels;
    std::vector<norm_box> instance_boxes;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        instance_boxes.push_back(random_box(gen, 0.1, 0.4, 0.1, 0.5));
    }
    for (const double t : sample_times(0.0, clock.seconds(), 1.0, 4)) {
        const std::int64_t ms = clock.ms(t);
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const auto& label = *labels[i];
            if (gen.chance(0.3)) {
                continue;
            }
            const double confidence = gen.uniform(55.0, 99.9);
            boost::json::array parents;
            boost::json::array native_parents;
            std::string_view rest = label.amazon_parents;
            while (!rest.empty()) {
                const auto comma = rest.find(',');
                const auto parent = rest.substr(0, comma);
                parents.push_back(boost::json::string{parent});
                native_parents.push_back(boost::json::object{{"Name", parent}});
                rest =
                    comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            }
            boost::json::array boxes;
            boost::json::array instances;
            if (label.has_instances) {
                instance_boxes[i] = drift(gen, instance_boxes[i], 0.03);
                boxes.push_back(box_json(instance_boxes[i], 8));
                instances.push_back(
                    boost::json::object{{"BoundingBox", amazon_box(instance_boxes[i])},
                                        {"Confidence", round_to(confidence, 6)}});
            }
            const std::string name = amazon_name(label.name);
            eden_labels.push_back(boost::json::object{
                {"name", name},
                {"confidence", round_to(confidence / 100.0, 8)},
                {"timestamp",
                 {boost::json::object{{"start", static_cast<double>(ms) / 1000.0},
                                      {"end", nullptr}}}},
                {"category", std::move(parents)},
                {"bounding_box", std::move(boxes)}});
            native_labels.push_back(
                boost::json::object{{"Timestamp", ms},
                                    {"Label",
                                     {{"Name", name},
                                      {"Confidence", round_to(confidence, 6)},
                                      {"Instances", std::move(instances)},
                                      {"Parents", std::move(native_parents)}}}});
        }
    }
    generated_result result;
    result.fields["labels"] = std::move(eden_labels);
    if (request.original_response) {
        result.original_response = amazon_job_pages(
            request, clock, "Labels", std::move(native_labels), "LabelModelVersion", "3.0");
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"google", google_labels},
    provider_generator{"amazon", amazon_labels},
};

} // namespace

generator_family label_detection_family() {
    return {.feature = "video/label_detection_async",
            .specific = own_generators,
            .generic = google_labels};
}

} // namespace emu::fake::video
