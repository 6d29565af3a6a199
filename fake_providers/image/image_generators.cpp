#include "fake_providers/image/image_generators.hpp"

#include "fake_providers/image/automl_classification.hpp"

namespace emu::fake {

void register_image_generators(registry& target) {
    register_automl_classification_generators(target);
}

} // namespace emu::fake
