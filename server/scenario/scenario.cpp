#include "server/scenario/scenario.hpp"

namespace emu::scenario {

std::string_view to_string(provider_status status) {
    switch (status) {
    case provider_status::processing:
        return "processing";
    case provider_status::finished:
        return "finished";
    case provider_status::failed:
        return "failed";
    }
    return "processing";
}

std::string_view to_string(fault_call call) {
    switch (call) {
    case fault_call::launch:
        return "launch";
    case fault_call::get:
        return "get";
    case fault_call::list:
        return "list";
    case fault_call::remove:
        return "delete";
    case fault_call::any:
        return "any";
    }
    return "any";
}

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
