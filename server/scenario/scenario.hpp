#pragma once

#include "server/scenario/fault_rule.hpp"
#include "server/scenario/match_rules.hpp"
#include "server/scheduling/clock.hpp"
#include "server/support/enum_names.hpp"

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

// The names of provider statuses, as scenario files and Eden write them.
inline constexpr support::enum_names<provider_status, 3> provider_status_names{
    {"processing", "finished", "failed"}};

inline std::string_view to_string(provider_status status) {
    return provider_status_names(status);
}

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
    // Set: a finished step shows only this fraction (0 to 1) of the generated result, as a
    // provider that processed part of the input (see scenarios/README.md, "Partial results").
    std::optional<double> partial{};
};

// A job-level failure: at `after` from launch (or at the job's `after_polls`-th GET) a job still
// processing fails as a whole with `message`; providers still processing show `shown`.
struct job_failure_rule {
    scheduling::duration after{};
    std::optional<std::uint32_t> after_polls{};
    std::string message = "Timeout error";
    std::string list_state = "failed"; // the list endpoint's "state": "failed" or "Timeout error"
    step shown{.status = provider_status::failed};
};

// How the webhook of a job following the scenario misbehaves (see scenarios/README.md,
// "Webhook behaviour"); the default sends one delivery when the job ends.
struct webhook_plan {
    scheduling::duration delay{};   // the first attempt waits this long after the job ends
    bool drop = false;              // nothing is sent (the journal records the drop)
    std::uint32_t duplicates = 0;   // extra identical deliveries after the first
    bool out_of_order = false;      // sent twice: attempt 2 arrives, then attempt 1
    scheduling::duration early{};   // GET shows the end only this long after the delivery
    bool corrupt_signature = false; // the signature header does not match the body
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
    std::optional<job_failure_rule> job_failure;
    // Set: the job is deleted this long after it ends (GET then answers 404, as Eden does for
    // a job its provider deleted).
    std::optional<scheduling::duration> expire_after;
    webhook_plan webhook;
    // What the scenario promises, for the test that runs every shipped scenario; the emulator
    // itself ignores it (see scenarios/README.md).
    boost::json::value expect;
    // Why the scenario may never apply (see scenario_warnings.hpp); it loads all the same.
    std::vector<std::string> warnings;
    // The document it was read from: snapshots save a job's scenario as this.
    boost::json::value source;

    // The provider's timeline, else the "*" timeline, else the built-in default.
    const std::vector<step>& steps_for(std::string_view provider) const;
};

// Every provider finishes `delay` after launch: the built-in default (2 s).
scenario default_scenario(scheduling::duration delay = std::chrono::seconds{2});

} // namespace emu::scenario
