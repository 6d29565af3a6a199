#pragma once

#include <string>
#include <string_view>

namespace emu::uploads {

// The MIME type of a file told by its first bytes (PDF, PNG, JPEG, GIF, WebP, TIFF, WAV, MP3,
// FLAC, Ogg, WebM, MP4/MOV, JSON/text as sent), else the type the client declared, else
// application/octet-stream: Eden reports the "detected MIME type".
std::string sniff_mimetype(std::string_view bytes, std::string_view declared);

} // namespace emu::uploads
