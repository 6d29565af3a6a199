#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/generated_video.hpp"
#include "fake_providers/video/generation_providers.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>

namespace emu::fake::video {

namespace {

constexpr std::array<aspect_ratio, 7> xai_ratios{{
    {"16:9", 16, 9},
    {"4:3", 4, 3},
    {"1:1", 1, 1},
    {"9:16", 9, 16},
    {"3:4", 3, 4},
    {"3:2", 3, 2},
    {"2:3", 2, 3},
}};

// xAI bills in ticks of 1e-10 USD: $0.05 a second at 480p, $0.07 at 720p.
constexpr std::int64_t ticks_per_second_480p = 500'000'000;
constexpr std::int64_t ticks_per_second_720p = 700'000'000;

} // namespace

generated_result xai_video(const generation_request& request) {
    const std::string model =
        request.model.empty() ? "grok-imagine-video" : std::string{request.model};
    const auto asked = read_video_request(request.params);
    auto wanted = asked;
    // Grok Imagine makes 1 to 15 s (8 s unless asked), at 480p or 720p.
    wanted.seconds = static_cast<std::uint32_t>(
        std::clamp<std::int64_t>(request.params.get_int("duration").value_or(8), 1, 15));
    const bool hd = std::min(asked.width, asked.height) >= 720;
    const auto [shape_width, shape_height] = wanted_shape(request, asked);
    std::tie(wanted.width, wanted.height) =
        frame_size(nearest_ratio(shape_width, shape_height, xai_ratios), hd ? 720U : 480U);

    const std::string request_id = derived_uuid(request, "xai-request");
    const std::string file = "xai-video-" + request_id.substr(0, 8) + ".mp4";
    auto made = make_generated_video(request, wanted, file);
    const std::int64_t ticks =
        (hd ? ticks_per_second_720p : ticks_per_second_480p) * wanted.seconds;
    made.result.fields["usage"] = boost::json::object{{"cost_in_usd_ticks", ticks}};
    if (request.original_response) {
        made.result.original_response =
            boost::json::object{{"request_id", request_id},
                                {"status", "done"},
                                {"model", model},
                                {"video",
                                 {{"url", "https://vidgen.x.ai/xai-vidgen-bucket/" + file},
                                  {"duration", wanted.seconds},
                                  {"respect_moderation", true}}},
                                {"usage", {{"cost_in_usd_ticks", ticks}}},
                                {"progress", 100}};
    }
    return std::move(made.result);
}

} // namespace emu::fake::video
