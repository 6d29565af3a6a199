#pragma once

#include "server/scenario/match_rules.hpp"
#include "server/scheduling/clock.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace emu::scenario {

// The status a provider's sub-job shows.
enum class provider_status { processing, finished, failed };

std::string_view to_string(provider_status status);

// One step of a provider's timeline: after a delay (from the previous step, or from launch for
// the first), the provider shows `status`; failures carry Eden's provider error.
struct step {
    scheduling::duration after{};
    provider_status status = provider_status::finished;
    std::string error_type = "ProviderException";
    std::string error_message = "Provider has returned an Error. Please try again later";
};

// A named plan for jobs: which launches it applies to (no match rules: every launch), and
// per-provider timelines, with "*" for providers not named.
struct scenario {
    std::string name;
    std::string description;
    int priority = 0; // among matching scenarios the highest wins; ties go to the name first
    match_rules match;
    std::map<std::string, std::vector<step>, std::less<>> timelines;

    // The provider's timeline, else the "*" timeline, else the built-in default.
    const std::vector<step>& steps_for(std::string_view provider) const;
};

// Every provider finishes `delay` after launch: the built-in default (2 s).
scenario default_scenario(scheduling::duration delay = std::chrono::seconds{2});

} // namespace emu::scenario
