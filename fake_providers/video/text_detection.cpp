#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/native_responses.hpp"
#include "fake_providers/video/video_common.hpp"
#include "fake_providers/video/video_features.hpp"
#include "fake_providers/video/video_scenes.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace emu::fake::video {

namespace {

// A line of on-screen text (a file property): the title made from the file name, shown at the
// start, and a few texts of the scene.
struct screen_text {
    std::string text;
    segment span;
    norm_box box;
};

std::vector<screen_text> video_texts(const generation_request& request, const timeline& clock) {
    const auto& setting = pick_scene(request);
    auto gen = file_rng(request, "texts");
    std::vector<screen_text> texts;
    auto words = file_stem_words(request);
    words.resize(std::min<std::size_t>(words.size(), 4));
    if (!words.empty()) {
        texts.push_back({title_case(words),
                         {0.0, std::min(clock.seconds(), gen.uniform(2.0, 4.0))},
                         random_box(gen, 0.3, 0.6, 0.06, 0.1)});
    }
    std::vector<std::string_view> pool(setting.texts.begin(), setting.texts.end());
    const auto count = static_cast<std::size_t>(gen.between(2, 4));
    for (std::size_t i = 0; i < count && !pool.empty(); ++i) {
        const auto pick = static_cast<std::size_t>(gen.below(pool.size()));
        texts.push_back({std::string{pool[pick]},
                         random_segment(gen, clock, 1.0, 6.0),
                         random_box(gen, 0.05, 0.3, 0.02, 0.06)});
        pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(pick));
    }
    return texts;
}

// Google: a rotated box about every 0.1 s while the text is visible, one confidence (two
// decimals) per text segment.
generated_result google_texts(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "texts");
    boost::json::array eden_texts;
    boost::json::array native_annotations;
    for (const auto& text : video_texts(request, clock)) {
        const double confidence = round_to(gen.uniform(0.7, 0.99), 2);
        norm_box box = text.box;
        boost::json::array frames;
        boost::json::array native_frames;
        for (const double t : sample_times(text.span.start, text.span.end, 0.1, 12)) {
            box = drift(gen, box, 0.002);
            const double at = clock.at(t, 6);
            frames.push_back(boost::json::object{
                {"confidence", confidence}, {"timestamp", at}, {"bounding_box", box_json(box, 8)}});
            const double right = std::min(box.left + box.width, 1.0);
            const double bottom = std::min(box.top + box.height, 1.0);
            boost::json::array vertices;
            for (const auto& [x, y] : {std::pair{box.left, box.top},
                                       std::pair{right, box.top},
                                       std::pair{right, bottom},
                                       std::pair{box.left, bottom}}) {
                vertices.push_back(
                    boost::json::object{{"x", round_to(x, 7)}, {"y", round_to(y, 7)}});
            }
            native_frames.push_back(
                boost::json::object{{"rotatedBoundingBox", {{"vertices", std::move(vertices)}}},
                                    {"timeOffset", google_offset(at)}});
        }
        eden_texts.push_back(
            boost::json::object{{"text", text.text}, {"frames", std::move(frames)}});
        native_annotations.push_back(boost::json::object{
            {"text", text.text},
            {"segments",
             {boost::json::object{
                 {"segment",
                  google_segment(clock.at(text.span.start, 6), clock.at(text.span.end, 6))},
                 {"confidence", confidence},
                 {"frames", std::move(native_frames)}}}}});
    }
    generated_result result;
    result.fields["texts"] = std::move(eden_texts);
    if (request.original_response) {
        result.original_response = google_annotate_response(
            request, clock, "textAnnotations", std::move(native_annotations));
    }
    return result;
}

// Amazon: LINE detections about every second and, for multi-word lines, their WORD detections;
// confidence / 100 rounded to two decimals, timestamps in milliseconds.
generated_result amazon_texts(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "texts");
    boost::json::array eden_texts;
    boost::json::array native_detections;
    std::int64_t next_id = 0;
    // Adds one detected string with its boxes at the given times.
    const auto detect = [&](const std::string& text,
                            const std::vector<double>& times,
                            norm_box box,
                            std::string_view type) {
        boost::json::array frames;
        for (const double t : times) {
            box = drift(gen, box, 0.002);
            const std::int64_t ms = clock.ms(t);
            const double confidence = gen.uniform(90.0, 99.9);
            frames.push_back(boost::json::object{{"confidence", round_to(confidence / 100.0, 2)},
                                                 {"timestamp", static_cast<double>(ms) / 1000.0},
                                                 {"bounding_box", box_json(box, 8)}});
            native_detections.push_back(
                boost::json::object{{"Timestamp", ms},
                                    {"TextDetection",
                                     {{"DetectedText", text},
                                      {"Type", type},
                                      {"Id", next_id++},
                                      {"Confidence", round_to(confidence, 6)},
                                      {"Geometry", {{"BoundingBox", amazon_box(box)}}}}}});
        }
        eden_texts.push_back(boost::json::object{{"text", text}, {"frames", std::move(frames)}});
    };
    std::size_t words_left = 6;
    for (const auto& text : video_texts(request, clock)) {
        const auto times = sample_times(text.span.start, text.span.end, 1.0, 8);
        detect(text.text, times, text.box, "LINE");
        std::vector<std::string> words;
        std::string word;
        for (const char c : text.text + ' ') {
            if (c != ' ') {
                word.push_back(c);
            } else if (!word.empty()) {
                words.push_back(std::move(word));
                word.clear();
            }
        }
        if (words.size() < 2) {
            continue;
        }
        // Each word gets its share of the line's width, in reading order.
        const double share = text.box.width / static_cast<double>(words.size());
        for (std::size_t i = 0; i < words.size() && words_left > 0; ++i, --words_left) {
            const norm_box word_box{text.box.left + share * static_cast<double>(i),
                                    text.box.top,
                                    share * 0.9,
                                    text.box.height};
            detect(words[i], times, word_box, "WORD");
        }
    }
    generated_result result;
    result.fields["texts"] = std::move(eden_texts);
    if (request.original_response) {
        result.original_response = amazon_job_pages(request,
                                                    clock,
                                                    "TextDetections",
                                                    std::move(native_detections),
                                                    "TextModelVersion",
                                                    "3.0");
    }
    return result;
}

// Twelve Labs: each text once, at a whole second, with full confidence and no geometry.
generated_result twelvelabs_texts(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    boost::json::array eden_texts;
    boost::json::array native_data;
    for (const auto& text : video_texts(request, clock)) {
        const double start = std::floor(text.span.start);
        eden_texts.push_back(boost::json::object{
            {"text", text.text},
            {"frames",
             {boost::json::object{
                 {"confidence", 1.0}, {"timestamp", start}, {"bounding_box", null_box_json()}}}}});
        native_data.push_back(
            boost::json::object{{"start", start},
                                {"end", std::max(start, std::floor(text.span.end))},
                                {"value", text.text}});
    }
    generated_result result;
    result.fields["texts"] = std::move(eden_texts);
    if (request.original_response) {
        result.original_response = boost::json::object{
            {"id", derived_uuid(request, "twelvelabs-video-id")}, {"data", std::move(native_data)}};
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"google", google_texts},
    provider_generator{"amazon", amazon_texts},
    provider_generator{"twelvelabs", twelvelabs_texts},
};

} // namespace

generator_family text_detection_family() {
    return {.feature = "video/text_detection_async",
            .specific = own_generators,
            .generic = google_texts};
}

} // namespace emu::fake::video
