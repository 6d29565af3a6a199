#pragma once

#include <span>
#include <string>
#include <string_view>

namespace emu::webhooks {

// Lowercase hex of `bytes`, two digits a byte.
std::string lower_hex(std::span<const unsigned char> bytes);

// The SHA-256 of `bytes` (OpenSSL EVP) as 64 lowercase hex digits, as Python's
// hashlib.sha256(bytes).hexdigest() and Node's createHash("sha256").digest("hex") write it.
std::string sha256_hex(std::string_view bytes);

} // namespace emu::webhooks
