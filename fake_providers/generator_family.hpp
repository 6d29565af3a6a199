#pragma once

#include "fake_providers/generation.hpp"

#include <span>
#include <string_view>

namespace emu::fake {

// A provider's own generator, written after that provider's Eden sample.
struct provider_generator {
    std::string_view provider;
    generator fn;
};

// The generators of one feature: those of the providers with a character of their own, and the
// generic one that the feature's other providers get. It lists no provider of the feature
// otherwise: the feature table does (see registry_build.hpp).
struct generator_family {
    std::string_view feature; // "audio/speech_to_text_async"
    std::span<const provider_generator> specific{};
    generator generic = nullptr; // nullptr: only the specific providers have a generator

    // The provider's own generator, else the generic one; nullptr when there is neither.
    generator for_provider(std::string_view provider) const;
};

} // namespace emu::fake
