#pragma once

#include "fake_providers/generator_family.hpp"

// One generator family per web async subfeature, each defined in the subfeature's own file.
namespace emu::fake::web {

generator_family batch_scrape_family();

generator_family crawl_family();

generator_family research_family();

generator_family structured_extraction_family();

} // namespace emu::fake::web
