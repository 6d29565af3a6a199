#pragma once

#include "server/scenario/scenario.hpp"
#include "server/support/enum_names.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace emu::scenario {

// Where an active scenario came from; the built-in one is the fallback of launches no other
// scenario matches.
enum class scenario_source { built_in, file, runtime };

inline constexpr support::enum_names<scenario_source, 3> scenario_source_names{
    {"built-in", "file", "runtime"}};

inline std::string_view to_string(scenario_source source) {
    return scenario_source_names(source);
}

// One active scenario and its origin.
struct catalog_entry {
    std::shared_ptr<const scenario> plan;
    scenario_source source = scenario_source::built_in;
    std::string tenant; // a runtime scenario put for one tenant only; "" for every tenant
};

// The active scenarios: those loaded from files plus those put at runtime (which shadow a file
// scenario of the same name), and the choice of one for each launch. A runtime scenario may
// belong to one tenant: only that tenant's calls see it, and for them it shadows a shared one
// of the same name, so parallel tests can each put their own "under-test". Thread-safe; jobs
// keep the scenario they started with even when it is replaced later.
class scenario_catalog {
public:
    scenario_catalog();

    // Called with the tenant whose runtime scenarios ("": the shared ones) changed (for the state
    // file, which renders it later); under the catalog's lock, so it must only note the change. Set
    // before serving.
    void on_change(std::function<void(std::string_view tenant)> callback) {
        on_change_ = std::move(callback);
    }

    // Replaces the file scenarios (all at once: a failed load never gets here).
    void set_file_scenarios(std::vector<scenario> loaded);

    // Adds or replaces a runtime scenario, shared ("" tenant) or the tenant's own.
    void put_runtime(scenario added, std::string_view tenant = {});

    // False when there is no runtime scenario of that name for that tenant ("": shared).
    bool remove_runtime(std::string_view name, std::string_view tenant = {});

    // Removes the tenant's own runtime scenarios, or with "" those of every tenant (shared ones
    // stay); returns how many.
    std::size_t reset(std::string_view tenant);

    // The runtime scenarios shared ("") or the tenant's own, by name.
    std::vector<std::shared_ptr<const scenario>> runtime(std::string_view tenant) const;

    // Tenants with runtime scenarios of their own, by name.
    std::vector<std::string> runtime_tenants() const;

    // Replaces the runtime scenarios shared ("") or the tenant's own (restoring a snapshot).
    void set_runtime(std::vector<std::shared_ptr<const scenario>> kept, std::string_view tenant);

    // Every active scenario, shared and of every tenant, by name (then tenant), then the
    // built-in fallback.
    std::vector<catalog_entry> active() const;

    // What the tenant's calls choose from: its own scenarios and the shared ones they do not
    // shadow, by name, then the built-in fallback.
    std::vector<catalog_entry> active_for(std::string_view tenant) const;

    // The error of the last refused reload of the scenario files ("" when the last one loaded).
    void set_load_error(std::string error);

    std::string load_error() const;

    // The scenario named by a launch (X-Edenmock-Scenario): the tenant's own, else a shared
    // one, else the built-in fallback by its name ("default"); nullptr when unknown.
    std::shared_ptr<const scenario> named(std::string_view name,
                                          std::string_view tenant = {}) const;

    // The matching scenario of highest priority (ties: the name first in order) among those
    // the call's tenant sees, else the built-in default.
    std::shared_ptr<const scenario> select(const launch_facts& facts) const;

private:
    using scenario_list = std::vector<std::shared_ptr<const scenario>>;

    // The shared active set, rebuilt on every change so select() only reads.
    void rebuild_locked();

    // The tenant's own scenarios (sorted by name), or nullptr when it has none.
    const scenario_list* owned_locked(std::string_view tenant) const;

    mutable std::mutex mutex_;
    scenario_list files_;
    scenario_list runtime_;                                   // shared
    std::map<std::string, scenario_list, std::less<>> owned_; // by tenant, each sorted by name
    std::vector<catalog_entry> active_;                       // shared, sorted by name
    std::shared_ptr<const scenario> built_in_; // the fallback; never among the candidates
    std::string load_error_;
    std::function<void(std::string_view tenant)> on_change_;
};

} // namespace emu::scenario
