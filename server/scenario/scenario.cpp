#include "server/scenario/scenario.hpp"

namespace emu::scenario {

const std::vector<step>& scenario::steps_for(std::string_view provider) const {
    if (auto it = timelines.find(provider); it != timelines.end()) {
        return it->second;
    }
    if (auto it = timelines.find("*"); it != timelines.end()) {
        return it->second;
    }
    static const std::vector<step> fallback{step{.after = std::chrono::seconds{2}}};
    return fallback;
}

scenario default_scenario(scheduling::duration delay) {
    scenario result;
    result.name = "default";
    result.description = "Every provider finishes after a short delay.";
    result.timelines["*"] = {step{.after = delay}};
    return result;
}

} // namespace emu::scenario
