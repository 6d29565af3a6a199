#include "server/scenario/scenario.hpp"

#include <boost/json/array.hpp>

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
    // In the unit that writes it whole: "2s", "1500ms", "250us".
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(delay).count();
    const auto after = us % 1'000'000 == 0 ? std::to_string(us / 1'000'000) + "s"
                       : us % 1'000 == 0   ? std::to_string(us / 1'000) + "ms"
                                           : std::to_string(us) + "us";
    result.source = boost::json::object{
        {"name", result.name},
        {"description", result.description},
        {"timelines",
         boost::json::object{
             {"*",
              boost::json::array{boost::json::object{{"after", after}, {"status", "finished"}}}}}}};
    return result;
}

} // namespace emu::scenario
