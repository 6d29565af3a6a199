#include "server/engine/fault_injector.hpp"

#include "fake_providers/deterministic.hpp"

namespace emu::engine {
namespace {

using scenario::fault_call;
using scenario::fault_rule;
using scenario::fault_when;

bool fires(const fault_rule& rule,
           std::uint64_t n,
           std::uint64_t seed,
           std::string_view scenario_name,
           std::size_t rule_index) {
    switch (rule.when) {
    case fault_when::nth:
        return n == rule.count;
    case fault_when::every:
        return n % rule.count == 0;
    case fault_when::first:
        return n <= rule.count;
    case fault_when::probability: {
        // One draw per (seed, scenario, rule, call number): independent of threads and timing.
        fake::rng draw{
            fake::mix(fake::mix(seed, fake::fnv1a(scenario_name)), fake::mix(rule_index, n))};
        return draw.unit() < rule.probability;
    }
    }
    return false;
}

} // namespace

fault_injector::fault_injector(std::uint64_t seed)
    : seed_(seed) {}

std::optional<fault_rule>
fault_injector::decide(const scenario::scenario& plan, fault_call call, std::string_view tenant) {
    if (plan.faults.empty()) {
        return std::nullopt; // most scenarios: no lock, no count
    }
    std::lock_guard lock{mutex_};
    auto tenant_calls = calls_.find(tenant);
    if (tenant_calls == calls_.end()) {
        tenant_calls = calls_.emplace(std::string{tenant}, by_scenario{}).first;
    }
    auto& scenario_calls = tenant_calls->second;
    auto found = scenario_calls.find(plan.name);
    if (found == scenario_calls.end()) {
        found = scenario_calls.emplace(plan.name, counters{}).first;
    }
    auto& counts = found->second;
    const auto kind = ++counts[static_cast<std::size_t>(call)];
    const auto any = ++counts[static_cast<std::size_t>(fault_call::any)];
    if (on_change_) {
        on_change_(tenant);
    }
    for (std::size_t index = 0; index < plan.faults.size(); ++index) {
        const auto& rule = plan.faults[index];
        if (rule.on != call && rule.on != fault_call::any) {
            continue;
        }
        if (fires(rule, rule.on == fault_call::any ? any : kind, seed_, plan.name, index)) {
            return rule;
        }
    }
    return std::nullopt;
}

void fault_injector::reset(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    if (tenant.empty()) {
        calls_.clear();
        return;
    }
    if (const auto found = calls_.find(tenant); found != calls_.end()) {
        calls_.erase(found);
    }
}

fault_injector::by_scenario fault_injector::counts_of(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    const auto found = calls_.find(tenant);
    return found == calls_.end() ? by_scenario{} : found->second;
}

std::vector<std::string> fault_injector::tenants() {
    std::lock_guard lock{mutex_};
    std::vector<std::string> names;
    for (const auto& [name, counts] : calls_) {
        names.push_back(name);
    }
    return names;
}

void fault_injector::set_counts(std::string_view tenant, by_scenario counts) {
    std::lock_guard lock{mutex_};
    if (counts.empty()) {
        if (const auto found = calls_.find(tenant); found != calls_.end()) {
            calls_.erase(found);
        }
        return;
    }
    calls_.insert_or_assign(std::string{tenant}, std::move(counts));
}

} // namespace emu::engine
