#pragma once

#include "server/scenario/scenario.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace emu::engine {

// Decides which API calls a scenario's fault rules hit, from call counters per tenant and
// scenario and the emulator's seed (same seed and same calls of a tenant, same faults, whatever
// other tenants do). Thread-safe.
class fault_injector {
public:
    explicit fault_injector(std::uint64_t seed);

    // Called with the tenant whose counters changed (for the state file, which renders it later);
    // under the injector's lock, so it must only note the change. Set before serving.
    void on_change(std::function<void(std::string_view tenant)> callback) {
        on_change_ = std::move(callback);
    }

    // Counts this call of `plan`'s scenario by `tenant` and returns the first rule it hits, if
    // any. Calls of scenarios without faults are neither counted nor locked.
    std::optional<scenario::fault_rule>
    decide(const scenario::scenario& plan, scenario::fault_call call, std::string_view tenant);

    // Zeroes the tenant's call counters, or with "" every call counter.
    void reset(std::string_view tenant);

    // Calls so far per kind (launch, get, list, delete) and of every kind (any).
    using counters = std::array<std::uint64_t, scenario::fault_call_count>;
    using by_scenario = std::map<std::string, counters, std::less<>>;

    // The tenant's counters by scenario name (a snapshot saves them).
    by_scenario counts_of(std::string_view tenant);

    // Tenants with counters, by name.
    std::vector<std::string> tenants();

    // Replaces the tenant's counters.
    void set_counts(std::string_view tenant, by_scenario counts);

private:
    std::uint64_t seed_;
    std::mutex mutex_;
    std::function<void(std::string_view tenant)> on_change_;
    std::map<std::string, by_scenario, std::less<>> calls_; // by tenant, then scenario name
};

} // namespace emu::engine
