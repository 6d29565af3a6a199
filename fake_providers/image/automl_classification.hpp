#pragma once

#include "fake_providers/registry.hpp"

namespace emu::fake {

// Adds image/automl_classification/{predict,train,upload_data}_async (nyckel, plus "*" fallbacks).
void register_automl_classification_generators(registry& target);

} // namespace emu::fake
