#pragma once

#include <cstdint>
#include <string_view>

namespace emu::support {

// FNV-1a over bytes: a stable hash, identical on every platform (unlike std::hash).
constexpr std::uint64_t fnv1a(std::string_view bytes, std::uint64_t basis = 0xcbf29ce484222325ULL) {
    std::uint64_t hash = basis;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

} // namespace emu::support
