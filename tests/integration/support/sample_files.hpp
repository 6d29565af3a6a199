#pragma once

#include <cstdint>
#include <string>

namespace emu::testing {

// A mono 16-bit PCM WAV of the given length (silence), as a client would upload.
std::string wav_file(std::uint32_t milliseconds, std::uint16_t channels = 1);

// A minimal PDF with the given number of pages.
std::string pdf_file(unsigned pages);

// A few bytes that start like an MP4 (ftyp box); enough for upload tests.
std::string mp4_file();

// A 1x1 PNG.
std::string png_file();

} // namespace emu::testing
