#pragma once

#include "server/scheduling/clock.hpp"
#include "server/support/enum_names.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace emu::webhooks {

// What a v2 webhook's x-edenai-signature signs (--webhook-signature).
enum class signature_scheme : std::uint8_t {
    digest, // the 64 hex digits of the body's SHA-256, as Eden's own receiver samples verify
    body,   // the body bytes themselves (edenmock's scheme before it followed Eden's samples)
};

// The schemes as --webhook-signature spells them.
inline constexpr support::enum_names<signature_scheme, 2> signature_scheme_names{
    {"digest", "body"}};

// How deliveries are made, from the command line. The member initializers are the defaults of
// the --webhook-* flags (API-NOTES Part 1, v3/API-NOTES-v3 §8); --help and the parser take
// theirs from here. Retries and backoff are the same for v2 and v3 jobs (Eden's v3 page: up to
// 3 retries, at most 30 s apart); the attempt timeout is each API's own.
struct webhook_settings {
    std::uint32_t retries = 3;                              // after the first attempt
    scheduling::duration backoff = std::chrono::seconds{1}; // first retry; doubles
    scheduling::duration backoff_cap = std::chrono::seconds{30};
    scheduling::duration attempt_timeout = std::chrono::seconds{10};    // v2, emulator clock
    scheduling::duration v3_attempt_timeout = std::chrono::seconds{30}; // v3, emulator clock
    std::vector<std::string> allow;  // receiver host globs; empty: every host
    std::vector<std::string> deny;   // receiver host globs refused (wins over allow)
    bool strict = false;             // refuse http:// and non-public receivers, as Eden does
    std::size_t journal_size = 1000; // attempts kept; the oldest go first
    bool signing = true;
    signature_scheme signature = signature_scheme::digest; // v2 only: v3 always signs the digest
    std::string user_agent = "edenmock";                   // v2; v3 sends Eden's own
};

// The delay before retry `retry` (1 for the first): backoff × 2^(retry−1), at most the cap.
scheduling::duration retry_delay(const webhook_settings& settings, std::uint32_t retry);

} // namespace emu::webhooks
