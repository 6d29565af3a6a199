#pragma once

#include "server/scheduling/clock.hpp"
#include "server/support/enum_names.hpp"

#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace emu::scenario {

// The API calls a fault rule hits: launching, polling a job (GET), listing, deleting, or any.
enum class fault_call : std::uint8_t { launch, get, list, remove, any };

inline constexpr std::size_t fault_call_count = 5;

// "launch", "get", "list", "delete", "any".
// The names of call kinds, as a fault rule's "on" writes them.
inline constexpr support::enum_names<fault_call, 5> fault_call_names{
    {"launch", "get", "list", "delete", "any"}};

inline std::string_view to_string(fault_call call) {
    return fault_call_names(call);
}

// When a rule fires, counted over the scenario's calls of the rule's kind: only the nth call,
// every nth call, the first n calls, or each call with a seeded probability.
enum class fault_when : std::uint8_t { nth, every, first, probability };

// The names of the triggers, as a fault rule's "when" writes them.
inline constexpr support::enum_names<fault_when, 4> fault_when_names{
    {"nth", "every", "first", "probability"}};

// What the client gets: an error status instead of the answer (the call does not happen), the
// answer after a delay, a reset connection (the call does not happen), or the answer cut short.
enum class fault_effect : std::uint8_t { status, latency, reset, truncate };

// One fault rule of a scenario (the "faults" member of scenario files).
struct fault_rule {
    fault_call on = fault_call::any;
    fault_when when = fault_when::every;
    std::uint32_t count = 1;  // n of nth, every and first
    double probability = 0.0; // of probability, 0 to 1
    fault_effect effect = fault_effect::status;
    unsigned status = 500;                    // status effect
    boost::json::value body;                  // status effect; null: an Eden-style error body
    std::optional<std::uint32_t> retry_after; // status effect: Retry-After seconds
    scheduling::duration latency{};           // latency effect
    std::uint64_t truncate = 0;               // truncate effect: body bytes sent

    // True for effects that replace the call: it does not happen (no job, no poll counted).
    bool stops_call() const {
        return effect == fault_effect::status || effect == fault_effect::reset;
    }
};

} // namespace emu::scenario
