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

constexpr std::array<aspect_ratio, 7> pruna_ratios{{
    {"16:9", 16, 9},
    {"9:16", 9, 16},
    {"4:3", 4, 3},
    {"3:4", 3, 4},
    {"3:2", 3, 2},
    {"2:3", 2, 3},
    {"1:1", 1, 1},
}};

// Lowercase letters and digits, as Pruna's prediction ids ("1knpbkf075rme0csjqr987hg4w") and
// delivery paths are written.
std::string
pruna_token(const generation_request& request, std::string_view salt, std::size_t length) {
    static constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    auto gen = rng::for_result(request, salt);
    std::string token;
    for (std::size_t i = 0; i < length; ++i) {
        token.push_back(alphabet[static_cast<std::size_t>(gen.below(alphabet.size()))]);
    }
    return token;
}

} // namespace

generated_result pruna_video(const generation_request& request) {
    const std::string model = request.model.empty() ? "p-video" : std::string{request.model};
    const bool second_generation = model == "p-video-2";
    const auto asked = read_video_request(request.params);
    auto wanted = asked;
    // P-Video makes 1 to 10 s, P-Video-2 1 to 20 s at 24 or 48 fps; both 720p or 1080p.
    wanted.seconds = static_cast<std::uint32_t>(std::clamp<std::int64_t>(
        request.params.get_int("duration").value_or(5), 1, second_generation ? 20 : 10));
    wanted.fps = second_generation && asked.fps >= 36 ? 48U : 24U;
    const std::uint32_t short_side = std::min(asked.width, asked.height) >= 1080 ? 1080U : 720U;
    const auto [shape_width, shape_height] = wanted_shape(request, asked);
    const auto& ratio = nearest_ratio(shape_width, shape_height, pruna_ratios);
    std::tie(wanted.width, wanted.height) = frame_size(ratio, short_side);

    auto made = make_generated_video(request, wanted, "output.mp4");
    // Pruna reports no usage: it bills the seconds of the video it delivered.
    made.result.fields["usage"] = nullptr;
    if (request.original_response) {
        const std::string id = pruna_token(request, "pruna-prediction", 26);
        boost::json::object input{{"prompt", request.params.get_or("text", "")},
                                  {"duration", wanted.seconds},
                                  {"resolution", std::to_string(short_side) + "p"},
                                  {"aspect_ratio", ratio.name}};
        if (request.params.get_int("seed")) {
            input["seed"] = wanted.seed;
        }
        if (request.file != nullptr) {
            input["image"] =
                "https://api.pruna.ai/v1/files/" + pruna_token(request, "pruna-file", 10);
        }
        // The prediction as created, with the final status that carries the delivery link.
        made.result.original_response =
            boost::json::object{{"id", id},
                                {"model", model},
                                {"input", std::move(input)},
                                {"get_url", "https://api.pruna.ai/v1/predictions/status/" + id},
                                {"status", "succeeded"},
                                {"generation_url",
                                 "https://api.pruna.ai/v1/predictions/delivery/" +
                                     pruna_token(request, "pruna-bucket", 4) + "/" +
                                     pruna_token(request, "pruna-path", 46) + "/output.mp4"}};
    }
    return std::move(made.result);
}

} // namespace emu::fake::video
