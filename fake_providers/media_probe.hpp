#pragma once

#include "fake_providers/generation.hpp"

#include <string>
#include <string_view>

namespace emu::fake {

// Reads what results derive from (duration, channels, sample rate, page count, frame size) out
// of an uploaded file's bytes, so the emulator can drop the bytes right after launch.
input_file probe_file(std::string name, std::string content_type, std::string_view bytes);

// Metadata for an input given as file_url: the name is the URL's last path segment.
input_file describe_url(std::string_view url);

} // namespace emu::fake
