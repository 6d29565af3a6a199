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

constexpr std::array<std::string_view, 6> google_likelihoods{
    "UNKNOWN", "VERY_UNLIKELY", "UNLIKELY", "POSSIBLE", "LIKELY", "VERY_LIKELY"};

// An Amazon Rekognition (v6) moderation category and second-level labels under it.
struct moderation_category {
    std::string_view name;
    std::array<std::string_view, 2> children;
};

constexpr std::array<moderation_category, 6> amazon_categories{{
    {"Suggestive", {"Revealing Clothes", "Female Swimwear Or Underwear"}},
    {"Violence", {"Physical Violence", "Weapon Violence"}},
    {"Visually Disturbing", {"Explosions And Blasts", "Emaciated Bodies"}},
    {"Alcohol", {"Drinking", "Alcoholic Beverages"}},
    {"Rude Gestures", {"Middle Finger", "Middle Finger"}},
    {"Explicit Nudity", {"Nudity", "Partial Nudity"}},
}};

// How racy the video is, in [0, 1): a property of the file, mostly low, higher for beach
// footage (swimwear is what moderation models flag most).
double raciness(const generation_request& request) {
    const double u = file_rng(request, "raciness").unit();
    return u * u * (pick_scene(request).name == "beach" ? 0.9 : 0.35);
}

// Google: one frame about every second with a pornography likelihood, which Eden turns into
// "Explicit Nudity" with confidence likelihood / 5.
generated_result google_explicit(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "explicit");
    const double level = raciness(request);
    const double first = gen.uniform(0.0, std::min(0.6, clock.seconds()));
    boost::json::array moderation;
    boost::json::array native_frames;
    for (const double base : sample_times(first, clock.seconds(), 1.0, 20)) {
        // Jitter within a quarter of the spacing keeps the frames in order.
        const double t = clock.at(base + gen.uniform(0.0, 0.25), 6);
        const auto likelihood =
            std::clamp<std::int64_t>(1 + std::llround(level * 4.0 + gen.uniform(-0.7, 0.7)), 1, 5);
        moderation.push_back(
            boost::json::object{{"timestamp", t},
                                {"confidence", round_to(static_cast<double>(likelihood) / 5.0, 1)},
                                {"category", "Explicit Nudity"}});
        native_frames.push_back(boost::json::object{
            {"timeOffset", google_offset(t)},
            {"pornographyLikelihood", google_likelihoods[static_cast<std::size_t>(likelihood)]}});
    }
    generated_result result;
    result.fields["moderation"] = std::move(moderation);
    if (request.original_response) {
        result.original_response =
            google_annotate_response(request,
                                     clock,
                                     "explicitAnnotation",
                                     boost::json::object{{"frames", std::move(native_frames)}});
    }
    return result;
}

// Amazon: moderation labels every 0.5 s inside the flagged segments, the category label and its
// children at each time; Eden reports each under the top-level category with Rekognition's
// 0..100 confidence.
generated_result amazon_explicit(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    auto gen = rng::for_result(request, "explicit");
    auto file_gen = file_rng(request, "explicit-segments");
    const double level = raciness(request);

    struct entry {
        std::int64_t ms;
        double confidence;
        std::string_view name;
        std::string_view parent;
    };

    std::vector<entry> entries;
    const auto segments = file_gen.between(1, 2);
    for (std::int64_t s = 0; s < segments; ++s) {
        const auto& category = level > 0.5 ? amazon_categories[0]
                                           : amazon_categories[static_cast<std::size_t>(
                                                 file_gen.below(amazon_categories.size()))];
        const auto span = random_segment(file_gen, clock, 1.0, 4.0);
        const double floor_confidence = 50.0 + 40.0 * level;
        for (const double t : sample_times(span.start, span.end, 0.5, 6)) {
            const std::int64_t ms = clock.ms(std::round(t * 2.0) / 2.0);
            const double parent_confidence = gen.uniform(floor_confidence, 99.9);
            entries.push_back({ms, parent_confidence, category.name, ""});
            for (const auto child : category.children) {
                if (gen.chance(0.6)) {
                    entries.push_back({ms,
                                       gen.uniform(floor_confidence, parent_confidence),
                                       child,
                                       category.name});
                }
            }
        }
    }
    std::stable_sort(
        entries.begin(), entries.end(), [](const entry& a, const entry& b) { return a.ms < b.ms; });
    boost::json::array moderation;
    boost::json::array native_labels;
    for (const auto& item : entries) {
        const double confidence = round_to(item.confidence, 6);
        moderation.push_back(
            boost::json::object{{"timestamp", static_cast<double>(item.ms) / 1000.0},
                                {"confidence", confidence},
                                {"category", item.parent.empty() ? item.name : item.parent}});
        native_labels.push_back(boost::json::object{
            {"Timestamp", item.ms},
            {"ModerationLabel",
             {{"Confidence", confidence}, {"Name", item.name}, {"ParentName", item.parent}}}});
    }
    generated_result result;
    result.fields["moderation"] = std::move(moderation);
    if (request.original_response) {
        result.original_response = amazon_job_pages(request,
                                                    clock,
                                                    "ModerationLabels",
                                                    std::move(native_labels),
                                                    "ModerationModelVersion",
                                                    "6.1");
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"google", google_explicit},
    provider_generator{"amazon", amazon_explicit},
};

} // namespace

generator_family explicit_content_detection_family() {
    return {.feature = "video/explicit_content_detection_async",
            .specific = own_generators,
            .generic = google_explicit};
}

} // namespace emu::fake::video
