#include "fake_providers/video/mp4_writer.hpp"

#include <array>
#include <cstddef>
#include <string_view>

namespace emu::fake::video {

namespace {

// Big-endian ISO BMFF box serialization: boxes are opened, filled and closed, and closing
// writes the size in front.
class box_writer {
public:
    void u8(std::uint32_t value) { out_.push_back(static_cast<char>(value & 0xff)); }

    void u16(std::uint32_t value) {
        u8(value >> 8);
        u8(value);
    }

    void u32(std::uint32_t value) {
        u16(value >> 16);
        u16(value & 0xffff);
    }

    void zeros(std::size_t count) { out_.append(count, '\0'); }

    void text(std::string_view bytes) { out_.append(bytes); }

    // Starts a box of the given four-character type; returns its start for close().
    std::size_t open(std::string_view type) {
        const std::size_t start = out_.size();
        u32(0);
        text(type);
        return start;
    }

    // Starts a full box: a box with a version byte and 24 bits of flags.
    std::size_t open_full(std::string_view type, std::uint32_t version, std::uint32_t flags) {
        const std::size_t start = open(type);
        u8(version);
        u8(flags >> 16);
        u16(flags & 0xffff);
        return start;
    }

    void close(std::size_t start) {
        const auto size = static_cast<std::uint32_t>(out_.size() - start);
        for (std::size_t i = 0; i < 4; ++i) {
            out_[start + i] = static_cast<char>((size >> (24 - 8 * i)) & 0xff);
        }
    }

    void matrix() {
        // Identity transform in 16.16 / 2.30 fixed point.
        for (const std::uint32_t value :
             std::array<std::uint32_t, 9>{0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000}) {
            u32(value);
        }
    }

    std::string& bytes() { return out_; }

private:
    std::string out_;
};

// The sample table for the 'raw ' track; chunk offsets are relative to data_start.
void write_sample_table(box_writer& w, const raw_video& video, std::uint32_t data_start) {
    const auto stbl = w.open("stbl");

    const auto stsd = w.open_full("stsd", 0, 0);
    w.u32(1);
    const auto entry = w.open("raw ");
    w.zeros(6);
    w.u16(1); // data reference index
    w.zeros(16);
    w.u16(video.coded_width);
    w.u16(video.coded_height);
    w.u32(0x00480000); // 72 dpi
    w.u32(0x00480000);
    w.u32(0);
    w.u16(1); // frames per sample
    constexpr std::string_view compressor = "Uncompressed RGB";
    w.u8(static_cast<std::uint32_t>(compressor.size()));
    w.text(compressor);
    w.zeros(31 - compressor.size());
    w.u16(24); // bits per pixel
    w.u16(0xffff);
    w.close(entry);
    w.close(stsd);

    const auto stts = w.open_full("stts", 0, 0);
    w.u32(1);
    w.u32(video.frame_count);
    w.u32(1);
    w.close(stts);

    const auto stsc = w.open_full("stsc", 0, 0);
    w.u32(1);
    w.u32(1); // first chunk
    w.u32(1); // one sample per chunk, so each frame can point at any picture
    w.u32(1);
    w.close(stsc);

    const auto picture_bytes = video.coded_width * video.coded_height * 3;
    const auto stsz = w.open_full("stsz", 0, 0);
    w.u32(picture_bytes);
    w.u32(video.frame_count);
    w.close(stsz);

    const auto stco = w.open_full("stco", 0, 0);
    w.u32(video.frame_count);
    const auto pictures = static_cast<std::uint64_t>(video.pictures.size());
    for (std::uint64_t i = 0; i < video.frame_count; ++i) {
        const auto picture = static_cast<std::uint32_t>(i * pictures / video.frame_count);
        w.u32(data_start + picture * picture_bytes);
    }
    w.close(stco);

    w.close(stbl);
}

// The 'moov' box; chunk offsets point into an mdat payload starting at data_start.
std::string movie_box(const raw_video& video, std::uint32_t data_start) {
    box_writer w;
    const auto duration_ms = static_cast<std::uint32_t>(
        (static_cast<std::uint64_t>(video.frame_count) * 1000 + video.fps / 2) / video.fps);
    const auto moov = w.open("moov");

    const auto mvhd = w.open_full("mvhd", 0, 0);
    w.u32(0); // creation time: none, so the bytes stay deterministic
    w.u32(0);
    w.u32(1000); // timescale
    w.u32(duration_ms);
    w.u32(0x00010000); // rate 1.0
    w.u16(0x0100);     // volume 1.0
    w.zeros(10);
    w.matrix();
    w.zeros(24);
    w.u32(2); // next track id
    w.close(mvhd);

    const auto trak = w.open("trak");
    const auto tkhd = w.open_full("tkhd", 0, 3); // enabled, in movie
    w.u32(0);
    w.u32(0);
    w.u32(1); // track id
    w.u32(0);
    w.u32(duration_ms);
    w.zeros(8);
    w.u16(0); // layer
    w.u16(0); // alternate group
    w.u16(0); // volume: none for video
    w.u16(0);
    w.matrix();
    w.u32(video.display_width << 16);
    w.u32(video.display_height << 16);
    w.close(tkhd);

    const auto mdia = w.open("mdia");
    const auto mdhd = w.open_full("mdhd", 0, 0);
    w.u32(0);
    w.u32(0);
    w.u32(video.fps); // one tick per frame
    w.u32(video.frame_count);
    w.u16(0x55c4); // language "und"
    w.u16(0);
    w.close(mdhd);

    const auto hdlr = w.open_full("hdlr", 0, 0);
    w.u32(0);
    w.text("vide");
    w.zeros(12);
    w.text(std::string_view{"VideoHandler\0", 13});
    w.close(hdlr);

    const auto minf = w.open("minf");
    const auto vmhd = w.open_full("vmhd", 0, 1);
    w.zeros(8);
    w.close(vmhd);
    const auto dinf = w.open("dinf");
    const auto dref = w.open_full("dref", 0, 0);
    w.u32(1);
    w.close(w.open_full("url ", 0, 1)); // media data in this file
    w.close(dref);
    w.close(dinf);
    write_sample_table(w, video, data_start);
    w.close(minf);
    w.close(mdia);
    w.close(trak);
    w.close(moov);
    return std::move(w.bytes());
}

} // namespace

std::string write_mp4(const raw_video& video) {
    box_writer w;
    const auto ftyp = w.open("ftyp");
    w.text("isom");
    w.u32(0x200);
    w.text("isomiso2mp41");
    w.close(ftyp);

    // The moov's size does not depend on the offsets inside it: measure, then write for real.
    const auto moov_size = movie_box(video, 0).size();
    const auto data_start = static_cast<std::uint32_t>(w.bytes().size() + moov_size + 8);
    w.text(movie_box(video, data_start));

    const auto mdat = w.open("mdat");
    for (const auto& picture : video.pictures) {
        w.text(picture);
    }
    w.close(mdat);
    return std::move(w.bytes());
}

} // namespace emu::fake::video
