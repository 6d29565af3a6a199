#include "fake_providers/video/generated_video.hpp"

#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/mp4_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace emu::fake::video {

namespace {

// The provider's generator: the same prompt, seed and settings give the same video whatever
// the job, as providers promise for a fixed seed.
rng content_rng(const generation_request& request, const video_request& wanted) {
    const std::string identity = std::string{request.params.get_or("text", "")} + "|" +
                                 std::to_string(wanted.seed) + "|" + std::string{request.model} +
                                 "|" + std::to_string(wanted.width) + "x" +
                                 std::to_string(wanted.height);
    generation_request prompt_level = request;
    prompt_level.job_id = identity;
    return rng::for_result(prompt_level, "generated-video");
}

// A small picture per step of the animation: a vertical gradient between two colours with a
// bright band sweeping down, stored at 16 or 32 pixels wide and shown at the requested size.
raw_video make_video(const generation_request& request, const video_request& wanted) {
    auto gen = content_rng(request, wanted);
    raw_video video;
    video.display_width = wanted.width;
    video.display_height = wanted.height;
    // Stored widths are multiples of 16 so no decoder pads the rows.
    video.coded_width = wanted.width >= wanted.height ? 32 : 16;
    const auto scaled = std::lround(static_cast<double>(video.coded_width) * wanted.height /
                                    static_cast<double>(wanted.width));
    video.coded_height = static_cast<std::uint32_t>(std::clamp<long>(scaled / 2 * 2, 2, 64));
    video.fps = wanted.fps;
    video.frame_count = wanted.seconds * wanted.fps;
    std::array<double, 3> top{};
    std::array<double, 3> bottom{};
    for (std::size_t c = 0; c < 3; ++c) {
        top[c] = gen.uniform(20.0, 235.0);
        bottom[c] = gen.uniform(20.0, 235.0);
    }
    const std::uint32_t steps = std::min<std::uint32_t>(video.frame_count, 8);
    for (std::uint32_t step = 0; step < steps; ++step) {
        const double band = (static_cast<double>(step) + 0.5) / static_cast<double>(steps);
        std::string picture;
        picture.reserve(static_cast<std::size_t>(video.coded_width) * video.coded_height * 3);
        for (std::uint32_t y = 0; y < video.coded_height; ++y) {
            const double v =
                (static_cast<double>(y) + 0.5) / static_cast<double>(video.coded_height);
            const double glow = std::max(0.0, 1.0 - std::abs(v - band) * 6.0);
            for (std::uint32_t x = 0; x < video.coded_width; ++x) {
                for (std::size_t c = 0; c < 3; ++c) {
                    const double base = top[c] + (bottom[c] - top[c]) * v;
                    const double value = base + (255.0 - base) * glow * 0.8;
                    picture.push_back(
                        static_cast<char>(static_cast<unsigned char>(std::lround(value))));
                }
            }
        }
        video.pictures.push_back(std::move(picture));
    }
    return video;
}

} // namespace

video_request read_video_request(const launch_params& params) {
    video_request wanted;
    wanted.seconds = static_cast<std::uint32_t>(
        std::clamp<std::int64_t>(params.get_int("duration").value_or(6), 1, 60));
    wanted.fps = static_cast<std::uint32_t>(
        std::clamp<std::int64_t>(params.get_int("fps").value_or(24), 1, 60));
    wanted.seed = params.get_int("seed").value_or(12);
    const auto dimension = params.get_or("dimension", "1280x720");
    const auto x = dimension.find_first_of("xX*");
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    if (x != std::string_view::npos) {
        const auto w_end = dimension.data() + x;
        const auto h_end = dimension.data() + dimension.size();
        const auto w_ok = std::from_chars(dimension.data(), w_end, width);
        const auto h_ok = std::from_chars(w_end + 1, h_end, height);
        if (w_ok.ec == std::errc{} && w_ok.ptr == w_end && h_ok.ec == std::errc{} &&
            h_ok.ptr == h_end) {
            wanted.width = std::clamp<std::uint32_t>(width, 16, 4096);
            wanted.height = std::clamp<std::uint32_t>(height, 16, 4096);
        }
    }
    return wanted;
}

generated_video make_generated_video(const generation_request& request,
                                     const video_request& wanted,
                                     std::string_view file_name) {
    const std::string bytes = write_mp4(make_video(request, wanted));
    generated_video out;
    out.url = std::string{request.resource_url_base} + "/" + std::string{file_name};
    out.bytes = bytes.size();
    out.result.fields["video"] = base64_encode(bytes);
    out.result.fields["video_resource_url"] = out.url;
    out.result.media_field = "video";
    return out;
}

std::pair<std::uint32_t, std::uint32_t> wanted_shape(const generation_request& request,
                                                     const video_request& wanted) {
    const input_file* file = request.file;
    if (file != nullptr && file->width.value_or(0) > 0 && file->height.value_or(0) > 0) {
        return {*file->width, *file->height};
    }
    return {wanted.width, wanted.height};
}

const aspect_ratio&
nearest_ratio(std::uint32_t width, std::uint32_t height, std::span<const aspect_ratio> ratios) {
    if (width == 0 || height == 0) {
        return ratios.front();
    }
    const auto distance = [&](const aspect_ratio& r) {
        return std::abs(std::log(static_cast<double>(width) / height) -
                        std::log(static_cast<double>(r.width) / r.height));
    };
    return *std::min_element(ratios.begin(), ratios.end(), [&](const auto& a, const auto& b) {
        return distance(a) < distance(b);
    });
}

const aspect_ratio* find_ratio(std::string_view name, std::span<const aspect_ratio> ratios) {
    const auto it = std::find_if(
        ratios.begin(), ratios.end(), [&](const aspect_ratio& r) { return r.name == name; });
    return it == ratios.end() ? nullptr : &*it;
}

std::pair<std::uint32_t, std::uint32_t> frame_size(const aspect_ratio& ratio,
                                                   std::uint32_t short_side) {
    const bool landscape = ratio.width >= ratio.height;
    const double longer = static_cast<double>(short_side) *
                          (landscape ? ratio.width : ratio.height) /
                          (landscape ? ratio.height : ratio.width);
    const auto long_side = static_cast<std::uint32_t>(std::lround(longer / 2.0)) * 2;
    return landscape ? std::pair{long_side, short_side} : std::pair{short_side, long_side};
}

} // namespace emu::fake::video
