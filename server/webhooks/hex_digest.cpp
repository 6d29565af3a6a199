#include "server/webhooks/hex_digest.hpp"

#include <array>
#include <openssl/evp.h>
#include <stdexcept>

namespace emu::webhooks {

std::string lower_hex(std::span<const unsigned char> bytes) {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * bytes.size());
    for (const unsigned char byte : bytes) {
        hex += digits[byte / 16u];
        hex += digits[byte % 16u];
    }
    return hex;
}

std::string sha256_hex(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error{"SHA-256: OpenSSL's EVP_Digest failed"};
    }
    return lower_hex(std::span{digest.data(), size});
}

} // namespace emu::webhooks
