#include "server/net/scenario_facts.hpp"

#include "server/wire/json_writer.hpp"

namespace emu::net {

scenario::launch_facts
scenario_facts_of(const request& req, features::api_version api, std::string_view tenant) {
    scenario::launch_facts facts;
    facts.api = features::api_version_names(api);
    facts.tenant = tenant;
    facts.header = [&req](std::string_view name) -> std::optional<std::string> {
        const auto found = req.find(name);
        return found == req.end() ? std::nullopt : std::optional<std::string>{found->value()};
    };
    return facts;
}

std::function<std::optional<std::string>(std::string_view)>
field_lookup(const boost::json::object& fields) {
    return [&fields](std::string_view name) -> std::optional<std::string> {
        const auto* value = fields.if_contains(name);
        if (value == nullptr) {
            return std::nullopt;
        }
        return value->is_string() ? std::string{value->get_string()} : json_text::compact(*value);
    };
}

} // namespace emu::net
