#include "fake_providers/image/image_generators.hpp"

#include "fake_providers/image/automl_classification.hpp"

namespace emu::fake {

std::vector<generator_family> image_generator_families() {
    return automl_classification_families();
}

} // namespace emu::fake
