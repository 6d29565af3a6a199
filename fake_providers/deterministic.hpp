#pragma once

#include "fake_providers/generation.hpp"
#include "server/support/fnv1a.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace emu::fake {

using support::fnv1a;

// Mixes two 64-bit values into one (splitmix64 finalizer over a combination).
std::uint64_t mix(std::uint64_t a, std::uint64_t b);

// splitmix64 generator with hand-written mappings, so results never depend on the standard
// library's implementation-defined distributions.
class rng {
public:
    explicit rng(std::uint64_t seed)
        : state_(seed) {}

    // Generator for one result: seeded from (seed, feature, job, provider, salt).
    static rng for_result(const generation_request& request, std::string_view salt = {});

    std::uint64_t next();

    // Uniform integer in [0, n); n must be positive.
    std::uint64_t below(std::uint64_t n);

    // Uniform integer in [lo, hi], both inclusive.
    std::int64_t between(std::int64_t lo, std::int64_t hi);

    // Uniform double in [0, 1).
    double unit();

    double uniform(double lo, double hi);

    bool chance(double probability);

    template <typename T>
    const T& pick(std::span<const T> items) {
        return items[static_cast<std::size_t>(below(items.size()))];
    }

private:
    std::uint64_t state_;
};

// Formats 128 bits as a version-4 UUID string ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx").
std::string uuid_from(std::uint64_t high, std::uint64_t low);

// A UUID derived from the request and a salt: stable ids inside results.
std::string derived_uuid(const generation_request& request, std::string_view salt);

// Standard base64 with padding.
std::string base64_encode(std::string_view bytes);

// Decodes standard base64; returns false on malformed input.
bool base64_decode(std::string_view text, std::string& out);

// Rounds to a number of decimal digits (for confidences and timestamps in results).
double round_to(double value, int digits);

} // namespace emu::fake
