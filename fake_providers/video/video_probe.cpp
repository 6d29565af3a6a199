#include "fake_providers/video/video_probe.hpp"

#include "fake_providers/byte_reader.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>

namespace emu::fake {

namespace {

// One ISO BMFF box: its type and payload (clipped to the bytes at hand).
struct box {
    std::string_view type;
    std::string_view payload;
    bool complete = false; // the whole box is inside the bytes
};

// Iterates over the boxes laid out in `bytes`, skipping each by its declared size, so a large
// mdat costs nothing. Stops at the first malformed header.
class box_reader {
public:
    explicit box_reader(std::string_view bytes)
        : bytes_(bytes) {}

    std::optional<box> next() {
        const std::size_t left = bytes_.size() - at_;
        if (left < 8) {
            return std::nullopt;
        }
        std::uint64_t size = bytes::be32(bytes_, at_);
        std::size_t header = 8;
        if (size == 1) {
            if (left < 16) {
                return std::nullopt;
            }
            size = bytes::be64(bytes_, at_ + 8);
            header = 16;
        } else if (size == 0) {
            size = left; // the box runs to the end of the file
        }
        if (size < header) {
            return std::nullopt;
        }
        const std::string_view type = bytes_.substr(at_ + 4, 4);
        const bool complete = size <= left;
        const std::size_t end = complete ? at_ + static_cast<std::size_t>(size) : bytes_.size();
        box found{type, bytes_.substr(at_ + header, end - at_ - header), complete};
        at_ = end;
        return found;
    }

private:
    std::string_view bytes_;
    std::size_t at_ = 0;
};

// Duration in milliseconds from an mvhd payload (version 0 or 1), if it is known.
std::optional<std::uint32_t> movie_duration_ms(std::string_view mvhd) {
    std::uint64_t timescale = 0;
    std::uint64_t duration = 0;
    if (!mvhd.empty() && mvhd[0] == 1 && mvhd.size() >= 32) {
        timescale = bytes::be32(mvhd, 20);
        duration = bytes::be64(mvhd, 24);
        if (duration == std::numeric_limits<std::uint64_t>::max()) {
            return std::nullopt;
        }
    } else if (!mvhd.empty() && mvhd[0] == 0 && mvhd.size() >= 20) {
        timescale = bytes::be32(mvhd, 12);
        duration = bytes::be32(mvhd, 16);
        if (duration == std::numeric_limits<std::uint32_t>::max()) {
            return std::nullopt;
        }
    }
    if (timescale == 0 || duration == 0) {
        return std::nullopt;
    }
    // Divide before multiplying when the product could overflow 64 bits.
    const std::uint64_t ms = duration <= std::numeric_limits<std::uint64_t>::max() / 1000
                                 ? duration * 1000 / timescale
                                 : duration / timescale * 1000;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(
        std::max<std::uint64_t>(ms, 1), std::numeric_limits<std::uint32_t>::max()));
}

// Width and height (16.16 fixed point, integer part) from a tkhd payload, if non-zero.
std::optional<std::pair<std::uint32_t, std::uint32_t>> track_size(std::string_view tkhd) {
    const std::size_t at = !tkhd.empty() && tkhd[0] == 1 ? 88 : 76;
    if (tkhd.size() < at + 8) {
        return std::nullopt;
    }
    const std::uint32_t width = bytes::be32(tkhd, at) >> 16;
    const std::uint32_t height = bytes::be32(tkhd, at + 4) >> 16;
    if (width == 0 || height == 0) {
        return std::nullopt;
    }
    return std::pair{width, height};
}

bool looks_like_mp4(std::string_view bytes) {
    constexpr std::array<std::string_view, 7> first_boxes{
        "ftyp", "moov", "mdat", "free", "skip", "wide", "pnot"};
    if (bytes.size() < 8) {
        return false;
    }
    const auto type = bytes.substr(4, 4);
    for (const auto candidate : first_boxes) {
        if (type == candidate) {
            return true;
        }
    }
    return false;
}

// MP4/MOV: duration from moov/mvhd, frame size from the first track header with one (the video
// track; audio tracks have none).
void probe_mp4(std::string_view bytes, input_file& file) {
    box_reader top{bytes};
    while (const auto outer = top.next()) {
        if (outer->type != "moov") {
            continue;
        }
        box_reader movie{outer->payload};
        std::optional<std::pair<std::uint32_t, std::uint32_t>> size;
        while (const auto child = movie.next()) {
            if (child->type == "mvhd" && child->complete) {
                if (const auto ms = movie_duration_ms(child->payload)) {
                    file.duration_ms = *ms;
                }
            } else if (child->type == "trak" && !size) {
                box_reader track{child->payload};
                while (const auto part = track.next()) {
                    if (part->type == "tkhd" && part->complete) {
                        size = track_size(part->payload);
                        break;
                    }
                }
            }
        }
        if (size) {
            file.width = size->first;
            file.height = size->second;
        }
        return;
    }
}

// AVI: the main header (RIFF "AVI " / LIST "hdrl" / "avih") gives microseconds per frame, the
// frame count and the frame size.
void probe_avi(std::string_view bytes, input_file& file) {
    std::size_t at = 12;
    while (at + 8 <= bytes.size()) {
        const std::string_view id = bytes.substr(at, 4);
        const std::uint32_t size = bytes::le32(bytes, at + 4);
        if (id == "LIST" && at + 12 <= bytes.size() && bytes.substr(at + 8, 4) == "hdrl") {
            // avih is the first chunk of hdrl.
            const std::size_t avih = at + 12;
            if (avih + 8 + 40 > bytes.size() || bytes.substr(avih, 4) != "avih" ||
                bytes::le32(bytes, avih + 4) < 40) {
                return;
            }
            const std::size_t header = avih + 8;
            const std::uint64_t us_per_frame = bytes::le32(bytes, header);
            const std::uint64_t frames = bytes::le32(bytes, header + 16);
            const std::uint64_t ms = us_per_frame * frames / 1000;
            if (ms > 0) {
                file.duration_ms = static_cast<std::uint32_t>(
                    std::min<std::uint64_t>(ms, std::numeric_limits<std::uint32_t>::max()));
            }
            const std::uint32_t width = bytes::le32(bytes, header + 32);
            const std::uint32_t height = bytes::le32(bytes, header + 36);
            if (width > 0 && height > 0) {
                file.width = width;
                file.height = height;
            }
            return;
        }
        // Chunks are padded to an even size; a huge "movi" list is skipped in one step.
        at += 8 + static_cast<std::size_t>(size) + (size & 1);
    }
}

} // namespace

void probe_video(std::string_view bytes, input_file& file) {
    if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "AVI ") {
        probe_avi(bytes, file);
    } else if (looks_like_mp4(bytes)) {
        probe_mp4(bytes, file);
    }
}

} // namespace emu::fake
