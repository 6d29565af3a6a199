#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace emu::fake::video {

// An uncompressed video: RGB24 pictures stored as QuickTime 'raw ' samples.
struct raw_video {
    std::uint32_t display_width = 0; // presentation size (track header)
    std::uint32_t display_height = 0;
    std::uint32_t coded_width = 0; // stored picture size
    std::uint32_t coded_height = 0;
    std::uint32_t fps = 1;
    std::uint32_t frame_count = 1;
    // Distinct pictures, coded_width * coded_height * 3 bytes each, top row first.
    std::vector<std::string> pictures;
};

// Writes the video as an MP4 file (ftyp, moov, mdat): frame i shows
// pictures[i * pictures.size() / frame_count]. Frames showing the same picture share its bytes
// (their chunk offsets point at one copy), so a long video stays a few kilobytes. ffmpeg and
// VLC play it; browsers do not decode 'raw ' video.
std::string write_mp4(const raw_video& video);

} // namespace emu::fake::video
