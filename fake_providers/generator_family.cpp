#include "fake_providers/generator_family.hpp"

#include <algorithm>

namespace emu::fake {

generator generator_family::for_provider(std::string_view provider) const {
    const auto own = std::find_if(specific.begin(), specific.end(), [&](const auto& entry) {
        return entry.provider == provider;
    });
    return own == specific.end() ? generic : own->fn;
}

} // namespace emu::fake
