#include "fake_providers/video/video_common.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace emu::fake::video {

rng file_rng(const generation_request& request, std::string_view salt) {
    // The file's identity stands in for the job id and the provider, so every job and provider
    // that analyses this file draws the same values.
    std::string identity = input_name(request);
    if (request.file != nullptr) {
        identity += '/' + std::to_string(request.file->size);
    }
    generation_request file_level = request;
    file_level.feature = "video";
    file_level.job_id = identity;
    file_level.provider = {};
    return rng::for_result(file_level, salt);
}

std::uint32_t video_duration_ms(const generation_request& request) {
    const input_file* file = request.file;
    if (file != nullptr && file->duration_ms.value_or(0) > 0) {
        return *file->duration_ms;
    }
    if (file != nullptr && file->size > 0) {
        // About 1 MB per 8 s (1 Mbit/s, a phone upload at modest quality), kept within 2..600 s.
        const double seconds =
            std::clamp(static_cast<double>(file->size) * 8.0 / 1'000'000.0, 2.0, 600.0);
        return static_cast<std::uint32_t>(std::lround(seconds * 1000.0));
    }
    auto gen = file_rng(request, "duration");
    return static_cast<std::uint32_t>(gen.between(10'000, 60'000));
}

double timeline::at(double t, int digits) const {
    // Rounding to nearest could step past the end; the last representable time is rounded down.
    const double scale = std::pow(10.0, digits);
    const double end = std::floor(seconds() * scale) / scale;
    return round_to(std::clamp(t, 0.0, end), digits);
}

std::int64_t timeline::ms(double t) const {
    return std::clamp<std::int64_t>(std::llround(t * 1000.0), 0, duration_ms_);
}

norm_box
random_box(rng& gen, double min_width, double max_width, double min_height, double max_height) {
    norm_box box;
    box.width = std::clamp(gen.uniform(min_width, max_width), 0.0, 1.0);
    box.height = std::clamp(gen.uniform(min_height, max_height), 0.0, 1.0);
    box.left = gen.uniform(0.0, 1.0 - box.width);
    box.top = gen.uniform(0.0, 1.0 - box.height);
    return box;
}

norm_box drift(rng& gen, const norm_box& box, double step) {
    norm_box moved = box;
    moved.width = std::clamp(box.width * gen.uniform(0.97, 1.03), 0.0, 1.0);
    moved.height = std::clamp(box.height * gen.uniform(0.97, 1.03), 0.0, 1.0);
    moved.left = std::clamp(box.left + gen.uniform(-step, step), 0.0, 1.0 - moved.width);
    moved.top = std::clamp(box.top + gen.uniform(-step, step), 0.0, 1.0 - moved.height);
    return moved;
}

boost::json::object box_json(const norm_box& box, int digits) {
    // Size first, then the position capped so that rounding cannot push an edge past the frame.
    const double width = round_to(std::clamp(box.width, 0.0, 1.0), digits);
    const double height = round_to(std::clamp(box.height, 0.0, 1.0), digits);
    const double left = std::min(round_to(std::max(box.left, 0.0), digits), 1.0 - width);
    const double top = std::min(round_to(std::max(box.top, 0.0), digits), 1.0 - height);
    return {{"top", top}, {"left", left}, {"height", height}, {"width", width}};
}

boost::json::object null_box_json() {
    return {{"top", nullptr}, {"left", nullptr}, {"height", nullptr}, {"width", nullptr}};
}

boost::json::array point_in(const norm_box& box, double fx, double fy, int digits) {
    return {round_to(box.left + fx * box.width, digits),
            round_to(box.top + fy * box.height, digits)};
}

std::vector<double> sample_times(double start, double end, double min_step, std::size_t max_count) {
    if (end <= start || max_count < 2) {
        return {start};
    }
    const double step = std::max(min_step, (end - start) / static_cast<double>(max_count - 1));
    const auto count = std::min(max_count, static_cast<std::size_t>((end - start) / step) + 1);
    std::vector<double> times;
    times.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        times.push_back(start + step * static_cast<double>(i));
    }
    return times;
}

segment random_segment(rng& gen, const timeline& clock, double min_length, double max_length) {
    const double length = std::min(gen.uniform(min_length, max_length), clock.seconds());
    const double start = gen.uniform(0.0, clock.seconds() - length);
    return {start, start + length};
}

std::vector<segment> shot_segments(rng& gen, const timeline& clock) {
    constexpr double frame = 0.04;
    const double last = clock.at(clock.seconds(), 2);
    // Shots of a few seconds, longer for long videos so there are at most about 20 of them.
    const double mean = std::max(3.5, clock.seconds() / 15.0);
    std::vector<segment> shots;
    double start = 0;
    while (true) {
        double end = clock.at(start + gen.uniform(0.4 * mean, 1.6 * mean), 2);
        if (end >= last - 0.5 * mean || shots.size() == 24) {
            end = last;
        }
        shots.push_back({start, end});
        if (end >= last) {
            break;
        }
        start = clock.at(end + frame, 2);
    }
    return shots;
}

std::string google_offset(double seconds) {
    char buffer[32];
    const auto result = std::to_chars(
        buffer, buffer + sizeof buffer, round_to(seconds, 6), std::chars_format::fixed, 6);
    std::string text{buffer, result.ptr};
    while (!text.empty() && text.back() == '0') {
        text.pop_back();
    }
    if (!text.empty() && text.back() == '.') {
        text.pop_back();
    }
    return text + 's';
}

std::vector<std::string> file_stem_words(const generation_request& request) {
    std::string_view stem = request.file != nullptr ? request.file->name : std::string_view{};
    if (const auto dot = stem.rfind('.'); dot != std::string_view::npos) {
        stem = stem.substr(0, dot);
    }
    std::vector<std::string> words;
    std::string word;
    for (const char c : stem) {
        const auto byte = static_cast<unsigned char>(c);
        // Bytes of UTF-8 sequences stay inside words; ASCII punctuation separates them.
        if (std::isalnum(byte) != 0 || byte >= 0x80) {
            word.push_back(static_cast<char>(std::tolower(byte)));
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) {
        words.push_back(std::move(word));
    }
    return words;
}

std::string title_case(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& word : words) {
        if (!text.empty()) {
            text += ' ';
        }
        text += word;
        text[text.size() - word.size()] = static_cast<char>(
            std::toupper(static_cast<unsigned char>(text[text.size() - word.size()])));
    }
    return text;
}

std::string input_name(const generation_request& request) {
    if (request.file != nullptr && !request.file->name.empty()) {
        return request.file->name;
    }
    return "video.mp4";
}

} // namespace emu::fake::video
