#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::engine {

// What a reset did (POST /_emulator/reset's answer).
struct reset_report {
    std::string tenant; // "" when every tenant was reset
    std::size_t deleted_jobs = 0;
    std::size_t deleted_scenarios = 0;
    std::size_t deleted_files = 0; // v3 uploads
};

// Resets the emulator's state, of every tenant or of one: each service that keeps state
// registers what it forgets, and a reset runs them all, in the order they were added.
// Set up once at start; reset() is then as thread-safe as the services are.
class resetter {
public:
    // Forgets the tenant's state ("" tenant: everybody's), adding what it removed to the report.
    using forget = std::function<void(std::string_view tenant, reset_report& report)>;

    void add(forget service);

    reset_report reset(std::string_view tenant) const;

private:
    std::vector<forget> services_;
};

} // namespace emu::engine
