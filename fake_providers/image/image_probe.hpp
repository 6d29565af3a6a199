#pragma once

#include "fake_providers/generation.hpp"

#include <string_view>

namespace emu::fake {

// Fills what it can read from PNG and JPEG headers into file; leaves other formats untouched.
void probe_image(std::string_view bytes, input_file& file);

} // namespace emu::fake
