#include "server/scenario/scenario_watcher.hpp"

#include "server/scenario/scenario_loader.hpp"
#include "server/support/log.hpp"

#include <algorithm>

namespace emu::scenario {

scenario_watcher::scenario_watcher(std::filesystem::path path, scenario_catalog& catalog)
    : path_(std::move(path))
    , catalog_(catalog) {}

std::vector<std::string> scenario_watcher::signature() const {
    std::vector<std::string> entries;
    std::error_code ec;
    const auto describe = [&](const std::filesystem::path& file) {
        const auto size = std::filesystem::file_size(file, ec);
        const auto time = std::filesystem::last_write_time(file, ec);
        entries.push_back(file.string() + "|" + std::to_string(ec ? 0 : size) + "|" +
                          std::to_string(ec ? 0 : time.time_since_epoch().count()));
    };
    if (std::filesystem::is_directory(path_, ec)) {
        for (const auto& entry : std::filesystem::directory_iterator(path_, ec)) {
            if (entry.path().extension() == ".json") {
                describe(entry.path());
            }
        }
    } else {
        describe(path_);
    }
    std::sort(entries.begin(), entries.end());
    return entries;
}

void scenario_watcher::load_initial() {
    std::lock_guard lock{mutex_};
    last_signature_ = signature();
    auto loaded = load_scenarios(path_);
    if (loaded.empty()) {
        throw load_error{path_.string() + ": no scenario files (*.json) found"};
    }
    catalog_.set_file_scenarios(std::move(loaded));
}

bool scenario_watcher::check() {
    std::lock_guard lock{mutex_};
    auto now = signature();
    if (now == last_signature_) {
        return false;
    }
    last_signature_ = std::move(now);
    return reload_locked();
}

bool scenario_watcher::reload() {
    std::lock_guard lock{mutex_};
    last_signature_ = signature();
    return reload_locked();
}

bool scenario_watcher::reload_locked() {
    try {
        auto loaded = load_scenarios(path_);
        if (loaded.empty()) {
            throw load_error{path_.string() + ": no scenario files (*.json) found"};
        }
        const auto count = loaded.size();
        catalog_.set_file_scenarios(std::move(loaded));
        catalog_.set_load_error({});
        log::info("scenarios reloaded from " + path_.string() + ": " + std::to_string(count) +
                  " active");
        return true;
    } catch (const load_error& error) {
        // The last good set stays active.
        catalog_.set_load_error(error.what());
        log::warn(std::string{"scenario reload refused, keeping the last good set: "} +
                  error.what());
        return false;
    }
}

} // namespace emu::scenario
