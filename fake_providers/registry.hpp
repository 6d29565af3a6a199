#pragma once

#include "fake_providers/generation.hpp"

#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace emu::fake {

// Explicit table of result generators keyed by (feature, provider); provider "*" is the
// feature's fallback for providers without a generator of their own.
class registry {
public:
    void add(std::string feature, std::string provider, generator fn);

    // The generator for this pair, else the feature's "*" generator, else nullptr.
    generator find(std::string_view feature, std::string_view provider) const;

private:
    std::map<std::pair<std::string, std::string>, generator, std::less<>> generators_;
};

// Every generator this project ships, listed explicitly (no static self-registration).
registry make_default_registry();

} // namespace emu::fake
