#include "fake_providers/video/native_responses.hpp"

#include "fake_providers/deterministic.hpp"

#include <algorithm>
#include <string>

namespace emu::fake::video {

boost::json::object amazon_video_metadata(const generation_request& request,
                                          const timeline& clock) {
    const input_file* file = request.file;
    const std::uint32_t width = file != nullptr ? file->width.value_or(1280) : 1280;
    const std::uint32_t height = file != nullptr ? file->height.value_or(720) : 720;
    return {{"Codec", "h264"},
            {"DurationMillis", clock.duration_ms()},
            {"Format", "QuickTime / MOV"},
            {"FrameRate", 29.97},
            {"FrameHeight", height},
            {"FrameWidth", width},
            {"ColorRange", "LIMITED"}};
}

boost::json::value amazon_job_pages(const generation_request& request,
                                    const timeline& clock,
                                    std::string_view items_key,
                                    boost::json::array items,
                                    std::string_view version_key,
                                    std::string_view version) {
    boost::json::object page{{"JobStatus", "SUCCEEDED"},
                             {"VideoMetadata", amazon_video_metadata(request, clock)}};
    page[items_key] = std::move(items);
    page[version_key] = version;
    page["JobId"] = derived_uuid(request, "amazon-job-id");
    return boost::json::array{std::move(page)};
}

boost::json::value google_annotate_response(const generation_request& request,
                                            const timeline& clock,
                                            std::string_view key,
                                            boost::json::value annotations) {
    boost::json::object result{{"inputUri", "/edenai-video-bucket/" + input_name(request)},
                               {"segment", google_segment(0.0, clock.at(clock.seconds(), 6))}};
    result[key] = std::move(annotations);
    return boost::json::object{
        {"@type", "type.googleapis.com/google.cloud.videointelligence.v1.AnnotateVideoResponse"},
        {"annotationResults", boost::json::array{std::move(result)}}};
}

boost::json::object google_segment(double start, double end) {
    return {{"startTimeOffset", google_offset(start)}, {"endTimeOffset", google_offset(end)}};
}

boost::json::object google_box(const norm_box& box) {
    return {{"left", round_to(box.left, 7)},
            {"top", round_to(box.top, 7)},
            {"right", round_to(std::min(box.left + box.width, 1.0), 7)},
            {"bottom", round_to(std::min(box.top + box.height, 1.0), 7)}};
}

boost::json::object amazon_box(const norm_box& box) {
    return {{"Width", round_to(box.width, 8)},
            {"Height", round_to(box.height, 8)},
            {"Left", round_to(box.left, 8)},
            {"Top", round_to(box.top, 8)}};
}

boost::json::object google_entity(std::string_view description) {
    // Freebase-style machine ids ("/m/0k4j"): base-36 digits of the description's hash.
    static constexpr std::string_view digits = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::uint64_t hash = fnv1a(description);
    std::string id = "/m/0";
    for (int i = 0; i < 5; ++i) {
        id += digits[static_cast<std::size_t>(hash % digits.size())];
        hash /= digits.size();
    }
    return {{"entityId", id}, {"description", description}, {"languageCode", "en-US"}};
}

} // namespace emu::fake::video
