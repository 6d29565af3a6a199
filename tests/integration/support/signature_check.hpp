#pragma once

#include <string_view>

namespace emu::testing {

// How a receiver checks a webhook's hex signature header, as Eden's receiver samples do.
enum class signature_procedure {
    // Eden's v2 sample: re-serialize the parsed body with 2-space indentation (JSON.stringify(
    // data, null, 2): key order kept), h = hex SHA-256 of that, verify RSA-SHA256 over ASCII h.
    eden_v2,
    // Eden's v3 sample: the same over the body re-serialized as canonical JSON (keys sorted).
    eden_v3,
    // edenmock's --webhook-signature body: RSA-SHA256 over the body bytes as received.
    body_bytes,
};

// Whether `hex_signature` verifies for `body` under the public key `public_pem` (RSA PKCS#1
// v1.5, SHA-256) following `procedure`. Digest and RSA check use OpenSSL directly, independently
// of edenmock's signer; the re-serialization uses edenmock's JSON writer, whose indented and
// canonical forms its unit tests hold to Python's json.dumps bytes. A body that is not JSON
// fails the eden_* procedures.
bool signature_verifies(std::string_view public_pem,
                        std::string_view body,
                        std::string_view hex_signature,
                        signature_procedure procedure);

} // namespace emu::testing
