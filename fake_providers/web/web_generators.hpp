#pragma once

#include "fake_providers/generator_family.hpp"

#include <vector>

namespace emu::fake {

// The generator families of Eden's v3 web async subfeatures ("web/crawl_async", ...).
std::vector<generator_family> web_generator_families();

} // namespace emu::fake
