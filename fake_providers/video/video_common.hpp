#pragma once

#include "fake_providers/deterministic.hpp"
#include "fake_providers/generation.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Helpers shared by the video feature generators.
namespace emu::fake::video {

// Randomness tied to the input video rather than to the job or the provider: the same file seen
// by two providers, or launched twice, shows the same content (scene, people, shots).
rng file_rng(const generation_request& request, std::string_view salt);

// Length of the analysed video in milliseconds, never 0: the probed duration when a header told
// it, else an estimate from the upload size, else (file_url) a value seeded by the file name.
std::uint32_t video_duration_ms(const generation_request& request);

// The analysed video's time axis. Every time a generator emits goes through it, so no timestamp
// falls outside [0, duration].
class timeline {
public:
    explicit timeline(std::uint32_t duration_ms)
        : duration_ms_(duration_ms) {}

    std::uint32_t duration_ms() const { return duration_ms_; }

    double seconds() const { return static_cast<double>(duration_ms_) / 1000.0; }

    // t clamped into the video and rounded to `digits` decimals, never rounded past the end.
    double at(double t, int digits) const;

    // t clamped into the video, in whole milliseconds (Amazon Rekognition's unit).
    std::int64_t ms(double t) const;

private:
    std::uint32_t duration_ms_;
};

// A bounding box in fractions of the frame.
struct norm_box {
    double left = 0;
    double top = 0;
    double width = 0;
    double height = 0;
};

// A box of random size within the given limits, placed anywhere inside the frame.
norm_box
random_box(rng& gen, double min_width, double max_width, double min_height, double max_height);

// The box moved by up to `step` in each direction, kept inside the frame.
norm_box drift(rng& gen, const norm_box& box, double step);

// {"top","left","height","width"} rounded to `digits`, with right and bottom edges inside 1.
boost::json::object box_json(const norm_box& box, int digits);

// Twelve Labs reports no geometry: every coordinate is null.
boost::json::object null_box_json();

// [x, y] of the point at fractions (fx, fy) of the box, rounded to `digits`.
boost::json::array point_in(const norm_box& box, double fx, double fy, int digits);

// Evenly spaced times from start, never past end: at least min_step apart and at most max_count
// of them, so long tracks stay small.
std::vector<double> sample_times(double start, double end, double min_step, std::size_t max_count);

// A span of the video [start, end] in seconds.
struct segment {
    double start = 0;
    double end = 0;
};

// A random sub-span of the video lasting between min_length and max_length seconds (shorter
// when the video is).
segment random_segment(rng& gen, const timeline& clock, double min_length, double max_length);

// The video's shots: consecutive segments covering it, one frame (40 ms) apart, of a few seconds
// each (longer in long videos, so there are at most 24).
std::vector<segment> shot_segments(rng& gen, const timeline& clock);

// A Google protobuf Duration as JSON text ("1.5s", "0s").
std::string google_offset(double seconds);

// Lower-case words of the input file's name without extension ("Team_meeting-2.mp4" gives
// "team", "meeting", "2").
std::vector<std::string> file_stem_words(const generation_request& request);

// Words joined with spaces, each with its first letter upper-cased.
std::string title_case(const std::vector<std::string>& words);

// The input file's name as a provider would see it after upload ("video.mp4" when unnamed).
std::string input_name(const generation_request& request);

} // namespace emu::fake::video
