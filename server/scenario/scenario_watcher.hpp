#pragma once

#include "server/scenario/scenario_catalog.hpp"

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace emu::scenario {

// Keeps the catalog's file scenarios in step with --scenarios: when the files change (name,
// size or modification time), it loads them again; an invalid set is refused whole, the last
// good set stays active, and the error is kept for the control API. No I/O threads here: the
// emulator calls check() from a timer, and the control API calls reload().
class scenario_watcher {
public:
    scenario_watcher(std::filesystem::path path, scenario_catalog& catalog);

    // Loads the files now (throws load_error: used at start-up, where an error is fatal).
    void load_initial();

    // Reloads if the files changed since the last look; true when the active set changed.
    bool check();

    // Reloads now whether or not they changed; true when the new set is active.
    bool reload();

    const std::filesystem::path& path() const { return path_; }

private:
    // (file, size, mtime) of every scenario file, sorted: changes when any file does.
    std::vector<std::string> signature() const;

    bool reload_locked();

    std::mutex mutex_;
    std::filesystem::path path_;
    scenario_catalog& catalog_;
    std::vector<std::string> last_signature_;
};

} // namespace emu::scenario
