#pragma once

#include "fake_providers/generation.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

// What the video generation generators share: the video asked for, its MP4, and the sizes
// providers snap a request to.
namespace emu::fake::video {

// The video a provider makes: the request with the emulator's (or the provider's) limits
// applied.
struct video_request {
    std::uint32_t seconds = 6;
    std::uint32_t fps = 24;
    std::uint32_t width = 1280;
    std::uint32_t height = 720;
    std::int64_t seed = 12; // the same prompt, seed, model and size give the same video
};

// Reads duration (kept within 1..60 s), fps (1..60), dimension ("WxH", each side 16..4096; the
// default 1280x720 when malformed) and seed (12 when absent).
video_request read_video_request(const launch_params& params);

// A generated video as a result: the MP4 base64 in `video` (the media field), served at
// <resource_url_base>/<file_name> as `video_resource_url`.
struct generated_video {
    generated_result result;
    std::string url;
    std::size_t bytes = 0; // the MP4's size
};

generated_video make_generated_video(const generation_request& request,
                                     const video_request& wanted,
                                     std::string_view file_name);

// An aspect ratio a provider offers, "16:9".
struct aspect_ratio {
    std::string_view name;
    std::uint32_t width;
    std::uint32_t height;
};

// The shape the video takes: a first keyframe's size when the image was probed (providers
// animate the picture as it is), else the requested size.
std::pair<std::uint32_t, std::uint32_t> wanted_shape(const generation_request& request,
                                                     const video_request& wanted);

// Of the ratios, the one nearest to width:height; the first one for a zero side.
const aspect_ratio&
nearest_ratio(std::uint32_t width, std::uint32_t height, std::span<const aspect_ratio> ratios);

// The named ratio of the list, or nullptr.
const aspect_ratio* find_ratio(std::string_view name, std::span<const aspect_ratio> ratios);

// The frame of a ratio at a resolution tier ("720p": short side 720), the long side rounded to
// an even number (480p 16:9 is 854x480).
std::pair<std::uint32_t, std::uint32_t> frame_size(const aspect_ratio& ratio,
                                                   std::uint32_t short_side);

} // namespace emu::fake::video
