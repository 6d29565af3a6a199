#include "tests/integration/support/sample_files.hpp"

namespace emu::testing {
namespace {

void put_u32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) {
        out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    }
}

void put_u16(std::string& out, std::uint16_t v) {
    out.push_back(static_cast<char>(v & 0xff));
    out.push_back(static_cast<char>(v >> 8));
}

} // namespace

std::string wav_file(std::uint32_t milliseconds, std::uint16_t channels) {
    const std::uint32_t rate = 8000;
    const std::uint32_t frames = rate * milliseconds / 1000;
    const std::uint32_t data_size = frames * 2u * channels;
    std::string out = "RIFF";
    put_u32(out, 36 + data_size);
    out += "WAVEfmt ";
    put_u32(out, 16);
    put_u16(out, 1);
    put_u16(out, channels);
    put_u32(out, rate);
    put_u32(out, rate * 2u * channels);
    put_u16(out, static_cast<std::uint16_t>(2 * channels));
    put_u16(out, 16);
    out += "data";
    put_u32(out, data_size);
    out.append(data_size, '\0');
    return out;
}

std::string pdf_file(unsigned pages) {
    std::string kids;
    std::string objects;
    for (unsigned i = 0; i < pages; ++i) {
        kids += std::to_string(3 + i) + " 0 R ";
        objects += std::to_string(3 + i) +
                   " 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n";
    }
    return "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages "
           "/Kids [" +
           kids + "] /Count " + std::to_string(pages) + " >>\nendobj\n" + objects +
           "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

std::string mp4_file() {
    std::string out;
    out.append("\x00\x00\x00\x18"
               "ftypisom\x00\x00\x02\x00"
               "isomiso2",
               24);
    out.append(64, '\0');
    return out;
}

std::string png_file() {
    return std::string(
        "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
        "\x90\x77\x53\xde\x00\x00\x00\x0cIDATx\x9c\x63\xf8\xff\xff\x3f\x00\x05\xfe\x02\xfe"
        "\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xae\x42\x60\x82",
        69);
}

} // namespace emu::testing
