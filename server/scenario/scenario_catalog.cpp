#include "server/scenario/scenario_catalog.hpp"

#include <algorithm>

namespace emu::scenario {

std::string_view to_string(scenario_source source) {
    switch (source) {
    case scenario_source::built_in:
        return "built-in";
    case scenario_source::file:
        return "file";
    case scenario_source::runtime:
        return "runtime";
    }
    return "built-in";
}

scenario_catalog::scenario_catalog()
    : built_in_(std::make_shared<const scenario>(default_scenario())) {
    rebuild_locked();
}

void scenario_catalog::set_file_scenarios(std::vector<scenario> loaded) {
    std::lock_guard lock{mutex_};
    files_.clear();
    for (auto& item : loaded) {
        files_.push_back(std::make_shared<const scenario>(std::move(item)));
    }
    rebuild_locked();
}

void scenario_catalog::put_runtime(scenario added) {
    std::lock_guard lock{mutex_};
    std::erase_if(runtime_, [&](const auto& s) { return s->name == added.name; });
    runtime_.push_back(std::make_shared<const scenario>(std::move(added)));
    rebuild_locked();
}

bool scenario_catalog::remove_runtime(std::string_view name) {
    std::lock_guard lock{mutex_};
    const auto removed = std::erase_if(runtime_, [&](const auto& s) { return s->name == name; });
    rebuild_locked();
    return removed > 0;
}

void scenario_catalog::rebuild_locked() {
    active_.clear();
    for (const auto& s : runtime_) {
        active_.push_back({s, scenario_source::runtime});
    }
    for (const auto& s : files_) {
        const bool shadowed = std::any_of(
            runtime_.begin(), runtime_.end(), [&](const auto& r) { return r->name == s->name; });
        if (!shadowed) {
            active_.push_back({s, scenario_source::file});
        }
    }
    const bool has_default = std::any_of(
        active_.begin(), active_.end(), [](const auto& e) { return e.plan->name == "default"; });
    if (!has_default) {
        active_.push_back({built_in_, scenario_source::built_in});
    }
    std::sort(active_.begin(), active_.end(), [](const auto& a, const auto& b) {
        return a.plan->name < b.plan->name;
    });
}

void scenario_catalog::set_load_error(std::string error) {
    std::lock_guard lock{mutex_};
    load_error_ = std::move(error);
}

std::string scenario_catalog::load_error() const {
    std::lock_guard lock{mutex_};
    return load_error_;
}

std::vector<catalog_entry> scenario_catalog::active() const {
    std::lock_guard lock{mutex_};
    return active_;
}

std::shared_ptr<const scenario> scenario_catalog::named(std::string_view name) const {
    std::lock_guard lock{mutex_};
    for (const auto& entry : active_) {
        if (entry.plan->name == name) {
            return entry.plan;
        }
    }
    return nullptr;
}

std::shared_ptr<const scenario> scenario_catalog::select(const launch_facts& facts) const {
    std::lock_guard lock{mutex_};
    std::shared_ptr<const scenario> best;
    for (const auto& entry : active_) {
        // active_ is sorted by name, so on equal priority the first one found stays.
        if (entry.source != scenario_source::built_in &&
            (!best || entry.plan->priority > best->priority) && entry.plan->match.matches(facts)) {
            best = entry.plan;
        }
    }
    return best ? best : built_in_;
}

} // namespace emu::scenario
