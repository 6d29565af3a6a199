#include "server/webhooks/webhook_signature.hpp"

#include "server/webhooks/hex_digest.hpp"

namespace emu::webhooks {

std::string
webhook_signature(const signing_key& key, std::string_view body, signature_scheme scheme) {
    return scheme == signature_scheme::digest ? key.sign_hex(sha256_hex(body)) : key.sign_hex(body);
}

} // namespace emu::webhooks
