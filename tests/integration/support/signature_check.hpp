#pragma once

#include <string_view>

namespace emu::testing {

// Whether `hex_signature` is a valid RSA PKCS#1 v1.5 SHA-256 signature of `body` under the
// public key `public_pem`, checked with OpenSSL directly (independently of edenmock's signer).
bool signature_verifies(std::string_view public_pem,
                        std::string_view body,
                        std::string_view hex_signature);

} // namespace emu::testing
