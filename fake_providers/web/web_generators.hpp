#pragma once

#include "fake_providers/generator_family.hpp"

#include <vector>

namespace emu::fake {

// The generator families of Eden's v3 web async subfeatures ("web/crawl_async", ...). Not yet in
// default_generator_families(): the v2 feature table lists no web feature, and build_registry
// refuses a family whose feature its table lacks, so they join once the registry is built from
// the v3 catalog as well.
std::vector<generator_family> web_generator_families();

} // namespace emu::fake
