#pragma once

#include "server/webhooks/signing_key.hpp"
#include "server/webhooks/webhook_settings.hpp"

#include <string>
#include <string_view>

namespace emu::webhooks {

// The hex signature header of a webhook body. Under `digest`, Eden's procedure (its v2 receiver
// sample and its v3 page, v3/API-NOTES-v3 §8): h = the 64 lowercase hex digits of SHA-256(body),
// then the RSA PKCS#1 v1.5 SHA-256 signature of the ASCII bytes of h (so the RSA step hashes h
// again). Under `body`, the RSA PKCS#1 v1.5 SHA-256 signature of the body bytes.
std::string
webhook_signature(const signing_key& key, std::string_view body, signature_scheme scheme);

} // namespace emu::webhooks
