#include "fake_providers/web/web_generators.hpp"

#include "fake_providers/web/web_features.hpp"

namespace emu::fake {

std::vector<generator_family> web_generator_families() {
    return {
        web::batch_scrape_family(),
        web::crawl_family(),
        web::research_family(),
        web::structured_extraction_family(),
    };
}

} // namespace emu::fake
