#pragma once

#include "server/scheduling/clock.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace emu::webhooks {

// How deliveries are made, from the command line. The member initializers are the defaults of
// the --webhook-* flags (API-NOTES Part 1); --help and the parser take theirs from here.
struct webhook_settings {
    std::uint32_t retries = 3;                              // after the first attempt
    scheduling::duration backoff = std::chrono::seconds{1}; // first retry; doubles
    scheduling::duration backoff_cap = std::chrono::seconds{30};
    scheduling::duration attempt_timeout = std::chrono::seconds{10}; // on the emulator clock
    std::vector<std::string> allow;  // receiver host globs; empty: every host
    std::vector<std::string> deny;   // receiver host globs refused (wins over allow)
    std::size_t journal_size = 1000; // attempts kept; the oldest go first
    bool signing = true;
    std::string user_agent = "edenmock";
};

// The delay before retry `retry` (1 for the first): backoff × 2^(retry−1), at most the cap.
scheduling::duration retry_delay(const webhook_settings& settings, std::uint32_t retry);

} // namespace emu::webhooks
