#pragma once

#include "server/scenario/fault_rule.hpp"
#include "server/scenario/match_rules.hpp"
#include "server/scheduling/clock.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::scenario {

// The status a provider's sub-job shows.
enum class provider_status { processing, finished, failed };

std::string_view to_string(provider_status status);

// One step of a provider's timeline: after a delay, or after a number of GETs of the job
// (counted from the previous step, or from launch for the first), the provider shows `status`.
// Failures carry Eden's provider error; a finished step may give literal result fields that
// replace the generated ones.
struct step {
    scheduling::duration after{};
    std::optional<std::uint32_t> after_polls{}; // set: the step waits for polls, not for time
    provider_status status = provider_status::finished;
    std::string error_type = "ProviderException";
    std::string error_message = "Provider has returned an Error. Please try again later";
    boost::json::object result{}; // literal fields over the generated result (finished steps)
};

// A named plan for jobs: which launches it applies to (no match rules: every launch), and
// per-provider timelines, with "*" for providers not named.
struct scenario {
    std::string name;
    std::string description;
    int priority = 0; // among matching scenarios the highest wins; ties go to the name first
    match_rules match;
    std::map<std::string, std::vector<step>, std::less<>> timelines;
    // HTTP faults on calls that follow this scenario, first matching rule wins (empty: none).
    std::vector<fault_rule> faults;
    // What the scenario promises, for the test that runs every shipped scenario; the emulator
    // itself ignores it (see scenarios/README.md).
    boost::json::value expect;

    // The provider's timeline, else the "*" timeline, else the built-in default.
    const std::vector<step>& steps_for(std::string_view provider) const;
};

// Every provider finishes `delay` after launch: the built-in default (2 s).
scenario default_scenario(scheduling::duration delay = std::chrono::seconds{2});

} // namespace emu::scenario
