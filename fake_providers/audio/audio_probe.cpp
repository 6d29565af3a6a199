#include "fake_providers/audio/audio_probe.hpp"

#include "fake_providers/byte_reader.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>

namespace emu::fake {

namespace {

using bytes::be32;
using bytes::byte_at;
using bytes::has;
using bytes::le16;
using bytes::le32;

std::uint32_t clamp_ms(std::uint64_t milliseconds) {
    return static_cast<std::uint32_t>(
        std::min<std::uint64_t>(milliseconds, std::numeric_limits<std::uint32_t>::max()));
}

// RIFF/WAVE: "fmt " gives the format; the "data" size over the byte rate gives the duration.
// A data chunk that claims more bytes than arrived counts only what arrived.
void probe_wav(std::string_view bytes, input_file& file) {
    std::uint32_t channels = 0;
    std::uint32_t sample_rate = 0;
    std::uint64_t byte_rate = 0;
    std::size_t pos = 12;
    while (has(bytes, pos, 8)) {
        const auto id = bytes.substr(pos, 4);
        const std::uint64_t size = le32(bytes, pos + 4);
        const std::size_t body = pos + 8;
        if (id == "fmt " && has(bytes, body, 16)) {
            channels = le16(bytes, body + 2);
            sample_rate = le32(bytes, body + 4);
            byte_rate = le32(bytes, body + 8);
            const std::uint64_t bits = le16(bytes, body + 14);
            if (byte_rate == 0) {
                byte_rate = static_cast<std::uint64_t>(sample_rate) * channels * bits / 8;
            }
        } else if (id == "data") {
            const std::uint64_t arrived = bytes.size() - body;
            const std::uint64_t data = size == 0 || size > arrived ? arrived : size;
            if (byte_rate > 0) {
                file.duration_ms = clamp_ms(data * 1000 / byte_rate);
            }
            break;
        }
        pos = body + static_cast<std::size_t>(size + (size & 1));
    }
    if (channels > 0 && channels <= 0xFFFF && sample_rate > 0) {
        file.channels = static_cast<std::uint16_t>(channels);
        file.sample_rate = sample_rate;
    }
}

// Offset after any ID3v2 tags (10-byte header, syncsafe size, optional 10-byte footer).
std::size_t skip_id3(std::string_view bytes) {
    std::size_t pos = 0;
    while (has(bytes, pos, 10) && bytes.substr(pos, 3) == "ID3") {
        std::uint32_t size = 0;
        for (std::size_t i = 6; i < 10; ++i) {
            if (byte_at(bytes, pos + i) >= 0x80) {
                return pos; // not syncsafe: not a real tag
            }
            size = size << 7 | byte_at(bytes, pos + i);
        }
        const bool footer = (byte_at(bytes, pos + 5) & 0x10) != 0;
        pos += 10 + size + (footer ? 10 : 0);
    }
    return pos;
}

// Fields of an MPEG audio frame header.
struct mpeg_frame {
    bool mpeg1 = false;
    int layer = 0; // 1, 2 or 3
    std::uint32_t sample_rate = 0;
    std::uint32_t bitrate_kbps = 0;
    std::uint32_t samples = 0; // per frame
    std::uint32_t length = 0;  // bytes, header included
    bool mono = false;
};

std::optional<mpeg_frame> parse_frame(std::string_view bytes, std::size_t pos) {
    if (!has(bytes, pos, 4)) {
        return std::nullopt;
    }
    const std::uint32_t header = be32(bytes, pos);
    const std::uint32_t version =
        header >> 19 & 3; // 0: MPEG 2.5, 1: reserved, 2: MPEG 2, 3: MPEG 1
    const std::uint32_t layer_bits = header >> 17 & 3;
    const std::uint32_t bitrate_index = header >> 12 & 0xF;
    const std::uint32_t rate_index = header >> 10 & 3;
    if ((header >> 21) != 0x7FF || version == 1 || layer_bits == 0 || bitrate_index == 0 ||
        bitrate_index == 15 || rate_index == 3) {
        return std::nullopt;
    }
    static constexpr std::array<std::array<std::uint32_t, 3>, 4> rates{
        {{11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000}, {44100, 48000, 32000}}};
    static constexpr std::array<std::array<std::uint32_t, 14>, 5> bitrates{{
        {32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // MPEG1 layer I
        {32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},    // MPEG1 layer II
        {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},     // MPEG1 layer III
        {32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},    // MPEG2 layer I
        {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},         // MPEG2 layers II, III
    }};
    mpeg_frame frame;
    frame.mpeg1 = version == 3;
    frame.layer = static_cast<int>(4 - layer_bits);
    frame.sample_rate = rates[version][rate_index];
    const std::size_t table =
        frame.mpeg1 ? static_cast<std::size_t>(frame.layer - 1) : (frame.layer == 1 ? 3 : 4);
    frame.bitrate_kbps = bitrates[table][bitrate_index - 1];
    frame.samples = frame.layer == 1 ? 384 : (frame.layer == 2 || frame.mpeg1 ? 1152 : 576);
    const std::uint32_t padding = header >> 9 & 1;
    frame.length =
        frame.layer == 1
            ? (12 * frame.bitrate_kbps * 1000 / frame.sample_rate + padding) * 4
            : frame.samples / 8 * frame.bitrate_kbps * 1000 / frame.sample_rate + padding;
    frame.mono = (header >> 6 & 3) == 3;
    return frame;
}

// A frame at pos whose successor, when it arrived, is a frame of the same stream.
std::optional<mpeg_frame> confirmed_frame(std::string_view bytes, std::size_t pos) {
    auto frame = parse_frame(bytes, pos);
    if (!frame || frame->length < 4) {
        return std::nullopt;
    }
    if (has(bytes, pos + frame->length, 4)) {
        const auto next = parse_frame(bytes, pos + frame->length);
        if (!next || next->sample_rate != frame->sample_rate || next->layer != frame->layer) {
            return std::nullopt;
        }
    }
    return frame;
}

// MP3 (MPEG audio): the frame sync must start the file or follow an ID3 tag closely, so the
// probe never mistakes another format's bytes for audio. Duration from a Xing/Info or VBRI
// frame count when present, else from the size at the first frame's (constant) bitrate.
void probe_mpeg(std::string_view bytes, input_file& file) {
    const std::size_t start = skip_id3(bytes);
    const std::size_t search_end = start > 0 ? start + 4096 : 1;
    std::optional<mpeg_frame> frame;
    std::size_t pos = start;
    for (; pos < search_end && has(bytes, pos, 4); ++pos) {
        frame = confirmed_frame(bytes, pos);
        if (frame) {
            break;
        }
    }
    if (!frame) {
        return;
    }
    file.sample_rate = frame->sample_rate;
    file.channels = static_cast<std::uint16_t>(frame->mono ? 1 : 2);

    const std::size_t side_info = frame->mpeg1 ? (frame->mono ? 17 : 32) : (frame->mono ? 9 : 17);
    const std::size_t xing = pos + 4 + side_info;
    const std::size_t vbri = pos + 4 + 32;
    std::optional<std::uint64_t> frames;
    if (has(bytes, xing, 12) &&
        (bytes.substr(xing, 4) == "Xing" || bytes.substr(xing, 4) == "Info") &&
        (be32(bytes, xing + 4) & 1) != 0) {
        frames = be32(bytes, xing + 8);
    } else if (has(bytes, vbri, 18) && bytes.substr(vbri, 4) == "VBRI") {
        frames = be32(bytes, vbri + 14);
    }
    if (frames) {
        file.duration_ms = clamp_ms(*frames * frame->samples * 1000 / frame->sample_rate);
        return;
    }
    std::uint64_t audio_bytes = bytes.size() - pos;
    if (audio_bytes >= 128 && bytes.substr(bytes.size() - 128, 3) == "TAG") {
        audio_bytes -= 128; // ID3v1 tag
    }
    file.duration_ms = clamp_ms(audio_bytes * 8 / frame->bitrate_kbps);
}

// FLAC: STREAMINFO, always the first metadata block, holds rate, channels and total samples.
void probe_flac(std::string_view bytes, std::size_t pos, input_file& file) {
    const std::size_t info = pos + 8; // "fLaC" + block header
    if (!has(bytes, pos + 4, 4) || (byte_at(bytes, pos + 4) & 0x7F) != 0 || !has(bytes, info, 18)) {
        return;
    }
    const std::uint32_t sample_rate = byte_at(bytes, info + 10) << 12 |
                                      byte_at(bytes, info + 11) << 4 |
                                      byte_at(bytes, info + 12) >> 4;
    const auto channels = static_cast<std::uint16_t>((byte_at(bytes, info + 12) >> 1 & 7) + 1);
    const std::uint64_t total =
        static_cast<std::uint64_t>(byte_at(bytes, info + 13) & 0xF) << 32 | be32(bytes, info + 14);
    if (sample_rate == 0) {
        return;
    }
    file.sample_rate = sample_rate;
    file.channels = channels;
    if (total > 0) {
        file.duration_ms = clamp_ms(total * 1000 / sample_rate);
    }
}

} // namespace

void probe_audio(std::string_view bytes, input_file& file) {
    if (has(bytes, 0, 12) && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WAVE") {
        probe_wav(bytes, file);
        return;
    }
    const std::size_t after_tags = skip_id3(bytes);
    if (has(bytes, after_tags, 4) && bytes.substr(after_tags, 4) == "fLaC") {
        probe_flac(bytes, after_tags, file);
        return;
    }
    probe_mpeg(bytes, file);
}

} // namespace emu::fake
