#pragma once

#include "server/scenario/scenario.hpp"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace emu::scenario {

// Where an active scenario came from.
enum class scenario_source { built_in, file, runtime };

std::string_view to_string(scenario_source source);

// One active scenario and its origin.
struct catalog_entry {
    std::shared_ptr<const scenario> plan;
    scenario_source source = scenario_source::built_in;
};

// The active scenarios: those loaded from files plus those put at runtime (which shadow a file
// scenario of the same name), and the choice of one for each launch. Thread-safe; jobs keep the
// scenario they started with even when it is replaced later.
class scenario_catalog {
public:
    scenario_catalog();

    // Replaces the file scenarios (all at once: a failed load never gets here).
    void set_file_scenarios(std::vector<scenario> loaded);

    void put_runtime(scenario added);

    // False when there is no runtime scenario of that name.
    bool remove_runtime(std::string_view name);

    // Every active scenario, by name.
    std::vector<catalog_entry> active() const;

    // The error of the last refused reload of the scenario files ("" when the last one loaded).
    void set_load_error(std::string error);

    std::string load_error() const;

    // The scenario named by a launch (X-Edenmock-Scenario), or nullptr when unknown.
    std::shared_ptr<const scenario> named(std::string_view name) const;

    // The matching scenario of highest priority (ties: the name first in order), else the
    // built-in default.
    std::shared_ptr<const scenario> select(const launch_facts& facts) const;

private:
    // The active set, rebuilt on every change so select() only reads.
    void rebuild_locked();

    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<const scenario>> files_;
    std::vector<std::shared_ptr<const scenario>> runtime_;
    std::vector<catalog_entry> active_; // sorted by name
    std::shared_ptr<const scenario> built_in_;
    std::string load_error_;
};

} // namespace emu::scenario
