#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/generated_video.hpp"
#include "fake_providers/video/generation_providers.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>

namespace emu::fake::video {

namespace {

constexpr std::array<aspect_ratio, 5> pixverse_ratios{{
    {"16:9", 16, 9},
    {"4:3", 4, 3},
    {"1:1", 1, 1},
    {"3:4", 3, 4},
    {"9:16", 9, 16},
}};

// A PixVerse quality: its short side, and the credits a 5 s clip of it costs.
struct quality_tier {
    std::string_view name;
    std::uint32_t short_side;
    std::int64_t credits_per_5_s;
};

constexpr std::array<quality_tier, 4> quality_tiers{{
    {"360p", 360, 45},
    {"540p", 540, 45},
    {"720p", 720, 60},
    {"1080p", 1080, 120},
}};

// provider_params (PixVerse's own knobs: quality, aspect_ratio, negative_prompt), {} when absent
// or not an object.
boost::json::object pixverse_options(const launch_params& params) {
    boost::system::error_code ec;
    auto value = boost::json::parse(params.get_or("provider_params", "{}"), ec);
    return !ec && value.is_object() ? std::move(value.get_object()) : boost::json::object{};
}

std::string_view option_text(const boost::json::object& options, std::string_view key) {
    const auto* value = options.if_contains(key);
    return value != nullptr && value->is_string() ? std::string_view{value->get_string()}
                                                  : std::string_view{};
}

// provider_params' quality, else the tier nearest to the requested size's short side.
const quality_tier& pick_quality(const boost::json::object& options, const video_request& asked) {
    const auto named = std::find_if(quality_tiers.begin(), quality_tiers.end(), [&](const auto& q) {
        return q.name == option_text(options, "quality");
    });
    if (named != quality_tiers.end()) {
        return *named;
    }
    const auto short_side = std::min(asked.width, asked.height);
    return *std::min_element(
        quality_tiers.begin(), quality_tiers.end(), [&](const auto& a, const auto& b) {
            return std::abs(static_cast<double>(a.short_side) - short_side) <
                   std::abs(static_cast<double>(b.short_side) - short_side);
        });
}

// An image is animated in its own shape; text-to-video takes provider_params' aspect_ratio,
// else the ratio nearest to the requested size.
const aspect_ratio& pick_ratio(const generation_request& request,
                               const boost::json::object& options,
                               const video_request& asked) {
    const bool image = request.file != nullptr && request.file->width.value_or(0) > 0;
    const auto* named = find_ratio(option_text(options, "aspect_ratio"), pixverse_ratios);
    if (!image && named != nullptr) {
        return *named;
    }
    const auto [width, height] = wanted_shape(request, asked);
    return nearest_ratio(width, height, pixverse_ratios);
}

// v6 and c1 take 1 to 15 s; older models make 5 or 8 s clips, and only 5 s ones in 1080p.
std::uint32_t
clip_seconds(std::string_view model, const launch_params& params, const quality_tier& quality) {
    const auto asked = params.get_int("duration").value_or(5);
    if (model == "v6" || model == "c1") {
        return static_cast<std::uint32_t>(std::clamp<std::int64_t>(asked, 1, 15));
    }
    return asked <= 6 || quality.short_side >= 1080 ? 5U : 8U;
}

} // namespace

generated_result pixverse_video(const generation_request& request) {
    const std::string model = request.model.empty() ? "v5" : std::string{request.model};
    const auto options = pixverse_options(request.params);
    const auto asked = read_video_request(request.params);
    const auto& quality = pick_quality(options, asked);
    const auto& ratio = pick_ratio(request, options, asked);
    auto wanted = asked;
    std::tie(wanted.width, wanted.height) = frame_size(ratio, quality.short_side);
    wanted.seconds = clip_seconds(model, request.params, quality);
    // Without a seed PixVerse draws one, and names the file after it.
    if (!request.params.get_int("seed")) {
        wanted.seed = rng::for_result(request, "pixverse-seed").between(0, 2'147'483'646);
    }
    const std::string file =
        derived_uuid(request, "pixverse-media") + "_seed" + std::to_string(wanted.seed) + ".mp4";
    auto made = make_generated_video(request, wanted, file);
    const std::int64_t credits = (quality.credits_per_5_s * wanted.seconds + 4) / 5;
    made.result.fields["usage"] = boost::json::object{{"credits", credits}};
    if (request.original_response) {
        const auto video_id = rng::for_result(request, "pixverse-video-id")
                                  .between(300'000'000'000'000, 399'999'999'999'999);
        made.result.original_response = boost::json::object{
            {"ErrCode", 0},
            {"ErrMsg", "success"},
            {"Resp",
             {{"id", video_id},
              {"status", 1},
              {"prompt", request.params.get_or("text", "")},
              {"negative_prompt", option_text(options, "negative_prompt")},
              {"resolution_ratio", quality.short_side},
              {"outputWidth", wanted.width},
              {"outputHeight", wanted.height},
              {"seed", wanted.seed},
              {"style", ""},
              {"size", made.bytes},
              {"has_audio", false},
              {"url", "https://media.pixverse.ai/pixverse%2Fmp4%2Fmedia%2Fweb%2Fori%2F" + file}}}};
    }
    return std::move(made.result);
}

} // namespace emu::fake::video
