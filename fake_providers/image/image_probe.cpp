#include "fake_providers/image/image_probe.hpp"

#include "fake_providers/byte_reader.hpp"

#include <cstdint>

namespace emu::fake {

namespace {

using bytes::be16;
using bytes::be32;
using bytes::byte_at;
using bytes::has;

void set_size(input_file& file, std::uint32_t width, std::uint32_t height) {
    if (width > 0 && height > 0) {
        file.width = width;
        file.height = height;
    }
}

// PNG: the IHDR chunk right after the signature holds width and height.
void probe_png(std::string_view bytes, input_file& file) {
    if (has(bytes, 8, 16) && bytes.substr(12, 4) == "IHDR") {
        set_size(file, be32(bytes, 16), be32(bytes, 20));
    }
}

// Start-of-frame markers (baseline, progressive, lossless, arithmetic...): not DHT (C4),
// JPG (C8) or DAC (CC), which share the range.
bool is_start_of_frame(std::uint32_t marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// JPEG: walk the marker segments up to the first SOFn, which holds height then width.
void probe_jpeg(std::string_view bytes, input_file& file) {
    std::size_t pos = 2;
    while (has(bytes, pos, 2)) {
        if (byte_at(bytes, pos) != 0xFF) {
            return; // lost sync: not a well-formed header
        }
        const std::uint32_t marker = byte_at(bytes, pos + 1);
        if (marker == 0xFF) {
            ++pos; // fill byte
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            pos += 2; // standalone markers carry no length
            continue;
        }
        if (marker == 0xD9 || marker == 0xDA || !has(bytes, pos + 2, 2)) {
            return; // end of image or start of scan before any frame header
        }
        const std::uint32_t length = be16(bytes, pos + 2);
        if (length < 2) {
            return;
        }
        if (is_start_of_frame(marker)) {
            if (has(bytes, pos + 4, 5)) {
                set_size(file, be16(bytes, pos + 7), be16(bytes, pos + 5));
            }
            return;
        }
        pos += 2 + length;
    }
}

} // namespace

void probe_image(std::string_view bytes, input_file& file) {
    if (has(bytes, 0, 8) && bytes.substr(0, 8) == std::string_view{"\x89PNG\r\n\x1a\n", 8}) {
        probe_png(bytes, file);
    } else if (has(bytes, 0, 3) && byte_at(bytes, 0) == 0xFF && byte_at(bytes, 1) == 0xD8 &&
               byte_at(bytes, 2) == 0xFF) {
        probe_jpeg(bytes, file);
    }
}

} // namespace emu::fake
