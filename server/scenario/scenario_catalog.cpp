#include "server/scenario/scenario_catalog.hpp"

#include "server/support/log.hpp"

#include <algorithm>

namespace emu::scenario {

scenario_catalog::scenario_catalog()
    : built_in_(std::make_shared<const scenario>(default_scenario())) {
    rebuild_locked();
}

namespace {

// Logs, at warn level, why a scenario just loaded may never apply.
void log_warnings(const scenario& loaded, std::string_view source) {
    for (const auto& warning : loaded.warnings) {
        log::warn(std::string{source} + " scenario \"" + loaded.name + "\": " + warning);
    }
}

} // namespace

void scenario_catalog::set_file_scenarios(std::vector<scenario> loaded) {
    std::lock_guard lock{mutex_};
    files_.clear();
    for (auto& item : loaded) {
        log_warnings(item, "file");
        files_.push_back(std::make_shared<const scenario>(std::move(item)));
    }
    rebuild_locked();
}

namespace {

bool by_name(const std::shared_ptr<const scenario>& a, const std::shared_ptr<const scenario>& b) {
    return a->name < b->name;
}

// Whether `candidate` beats `best`: higher priority, or equal priority and a name first in order.
bool preferred(const scenario& candidate, const scenario* best) {
    return best == nullptr || candidate.priority > best->priority ||
           (candidate.priority == best->priority && candidate.name < best->name);
}

} // namespace

void scenario_catalog::put_runtime(scenario added, std::string_view tenant) {
    std::lock_guard lock{mutex_};
    log_warnings(added, "runtime");
    auto& list = tenant.empty() ? runtime_ : owned_[std::string{tenant}];
    std::erase_if(list, [&](const auto& s) { return s->name == added.name; });
    list.push_back(std::make_shared<const scenario>(std::move(added)));
    std::sort(list.begin(), list.end(), by_name);
    rebuild_locked();
    if (on_change_) {
        on_change_(tenant);
    }
}

bool scenario_catalog::remove_runtime(std::string_view name, std::string_view tenant) {
    std::lock_guard lock{mutex_};
    if (on_change_) {
        on_change_(tenant);
    }
    if (!tenant.empty()) {
        const auto found = owned_.find(tenant);
        if (found == owned_.end()) {
            return false;
        }
        const auto removed =
            std::erase_if(found->second, [&](const auto& s) { return s->name == name; });
        if (found->second.empty()) {
            owned_.erase(found);
        }
        return removed > 0;
    }
    const auto removed = std::erase_if(runtime_, [&](const auto& s) { return s->name == name; });
    rebuild_locked();
    return removed > 0;
}

std::size_t scenario_catalog::reset(std::string_view tenant) {
    std::lock_guard lock{mutex_};
    if (tenant.empty()) {
        std::size_t removed = 0;
        for (const auto& [owner, list] : owned_) {
            removed += list.size();
        }
        owned_.clear();
        return removed;
    }
    const auto found = owned_.find(tenant);
    if (found == owned_.end()) {
        return 0;
    }
    const auto removed = found->second.size();
    owned_.erase(found);
    return removed;
}

const scenario_catalog::scenario_list*
scenario_catalog::owned_locked(std::string_view tenant) const {
    if (tenant.empty()) {
        return nullptr;
    }
    const auto found = owned_.find(tenant);
    return found == owned_.end() ? nullptr : &found->second;
}

void scenario_catalog::rebuild_locked() {
    active_.clear();
    for (const auto& s : runtime_) {
        active_.push_back({s, scenario_source::runtime, {}});
    }
    for (const auto& s : files_) {
        const bool shadowed = std::any_of(
            runtime_.begin(), runtime_.end(), [&](const auto& r) { return r->name == s->name; });
        if (!shadowed) {
            active_.push_back({s, scenario_source::file, {}});
        }
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
    auto entries = active_;
    for (const auto& [tenant, list] : owned_) {
        for (const auto& s : list) {
            entries.push_back({s, scenario_source::runtime, tenant});
        }
    }
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.plan->name < b.plan->name;
    });
    entries.push_back({built_in_, scenario_source::built_in, {}});
    return entries;
}

std::vector<catalog_entry> scenario_catalog::active_for(std::string_view tenant) const {
    std::lock_guard lock{mutex_};
    const auto* own = owned_locked(tenant);
    if (own == nullptr) {
        auto entries = active_;
        entries.push_back({built_in_, scenario_source::built_in, {}});
        return entries;
    }
    std::vector<catalog_entry> entries;
    for (const auto& s : *own) {
        entries.push_back({s, scenario_source::runtime, std::string{tenant}});
    }
    for (const auto& entry : active_) {
        if (std::none_of(own->begin(), own->end(), [&](const auto& s) {
                return s->name == entry.plan->name;
            })) {
            entries.push_back(entry);
        }
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.plan->name < b.plan->name;
    });
    entries.push_back({built_in_, scenario_source::built_in, {}});
    return entries;
}

std::shared_ptr<const scenario> scenario_catalog::named(std::string_view name,
                                                        std::string_view tenant) const {
    std::lock_guard lock{mutex_};
    if (const auto* own = owned_locked(tenant)) {
        for (const auto& s : *own) {
            if (s->name == name) {
                return s;
            }
        }
    }
    for (const auto& entry : active_) {
        if (entry.plan->name == name) {
            return entry.plan;
        }
    }
    return name == built_in_->name ? built_in_ : nullptr;
}

std::shared_ptr<const scenario> scenario_catalog::select(const launch_facts& facts) const {
    std::lock_guard lock{mutex_};
    const scenario* best = nullptr;
    std::shared_ptr<const scenario> chosen;
    const auto consider = [&](const std::shared_ptr<const scenario>& candidate) {
        if (preferred(*candidate, best) && candidate->match.matches(facts)) {
            best = candidate.get();
            chosen = candidate;
        }
    };
    const auto* own = owned_locked(facts.tenant);
    if (own != nullptr) {
        for (const auto& s : *own) {
            consider(s);
        }
    }
    for (const auto& entry : active_) {
        const bool shadowed =
            own != nullptr && std::any_of(own->begin(), own->end(), [&](const auto& s) {
                return s->name == entry.plan->name;
            });
        if (!shadowed) {
            consider(entry.plan);
        }
    }
    return chosen ? chosen : built_in_;
}

std::vector<std::shared_ptr<const scenario>>
scenario_catalog::runtime(std::string_view tenant) const {
    std::lock_guard lock{mutex_};
    if (tenant.empty()) {
        return runtime_;
    }
    const auto* owned = owned_locked(tenant);
    return owned == nullptr ? scenario_list{} : *owned;
}

std::vector<std::string> scenario_catalog::runtime_tenants() const {
    std::lock_guard lock{mutex_};
    std::vector<std::string> names;
    for (const auto& [owner, list] : owned_) {
        if (!list.empty()) {
            names.push_back(owner);
        }
    }
    return names;
}

void scenario_catalog::set_runtime(std::vector<std::shared_ptr<const scenario>> kept,
                                   std::string_view tenant) {
    std::lock_guard lock{mutex_};
    std::sort(kept.begin(), kept.end(), by_name);
    if (tenant.empty()) {
        runtime_ = std::move(kept);
    } else if (kept.empty()) {
        if (const auto found = owned_.find(tenant); found != owned_.end()) {
            owned_.erase(found);
        }
    } else {
        owned_.insert_or_assign(std::string{tenant}, std::move(kept));
    }
    rebuild_locked();
}

} // namespace emu::scenario
