#pragma once

#include "fake_providers/generation.hpp"

#include <string_view>

namespace emu::fake {

// Fills what it can read from PDF headers into file; leaves other formats untouched.
void probe_pdf(std::string_view bytes, input_file& file);

} // namespace emu::fake
