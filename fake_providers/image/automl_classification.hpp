#pragma once

#include "fake_providers/generator_family.hpp"

#include <vector>

namespace emu::fake {

// image/automl_classification/{predict,train,upload_data}_async: every provider answers like
// Nyckel, Eden's one provider of these features.
std::vector<generator_family> automl_classification_families();

} // namespace emu::fake
