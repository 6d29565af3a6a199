#include "server/uploads/mime_sniff.hpp"

#include <array>
#include <utility>

namespace emu::uploads {
namespace {

using namespace std::string_view_literals;

// Magic bytes at an offset, and the type they mean.
struct signature {
    std::size_t offset;
    std::string_view magic;
    std::string_view type;
};

constexpr std::array signatures{
    signature{0, "%PDF-"sv, "application/pdf"sv},
    signature{0, "\x89PNG\r\n\x1a\n"sv, "image/png"sv},
    signature{0, "\xff\xd8\xff"sv, "image/jpeg"sv},
    signature{0, "GIF8"sv, "image/gif"sv},
    signature{0, "II*\0"sv, "image/tiff"sv},
    signature{0, "MM\0*"sv, "image/tiff"sv},
    signature{0, "ID3"sv, "audio/mpeg"sv},
    signature{0, "\xff\xfb"sv, "audio/mpeg"sv},
    signature{0, "\xff\xf3"sv, "audio/mpeg"sv},
    signature{0, "fLaC"sv, "audio/flac"sv},
    signature{0, "OggS"sv, "audio/ogg"sv},
    signature{0, "\x1a\x45\xdf\xa3"sv, "video/webm"sv},
};

bool has_at(std::string_view bytes, std::size_t offset, std::string_view magic) {
    return bytes.size() >= offset + magic.size() && bytes.substr(offset, magic.size()) == magic;
}

} // namespace

std::string sniff_mimetype(std::string_view bytes, std::string_view declared) {
    for (const auto& known : signatures) {
        if (has_at(bytes, known.offset, known.magic)) {
            return std::string{known.type};
        }
    }
    if (has_at(bytes, 0, "RIFF") && has_at(bytes, 8, "WAVE")) {
        return "audio/wav";
    }
    if (has_at(bytes, 0, "RIFF") && has_at(bytes, 8, "WEBP")) {
        return "image/webp";
    }
    if (has_at(bytes, 4, "ftypqt")) {
        return "video/quicktime";
    }
    if (has_at(bytes, 4, "ftyp")) {
        return has_at(bytes, 8, "M4A") ? "audio/mp4" : "video/mp4";
    }
    const auto semicolon = declared.find(';');
    const auto bare = declared.substr(0, semicolon);
    return bare.empty() ? "application/octet-stream" : std::string{bare};
}

} // namespace emu::uploads
