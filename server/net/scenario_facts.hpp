#pragma once

#include "server/features/feature_table.hpp"
#include "server/net/http_types.hpp"
#include "server/scenario/match_rules.hpp"

#include <boost/json/object.hpp>

#include <string_view>

namespace emu::net {

// What every API call offers to scenario matching: its API, tenant and headers (views into
// `req`, which must outlive the facts).
scenario::launch_facts
scenario_facts_of(const request& req, features::api_version api, std::string_view tenant);

// A launch's fields for match.fields: a JSON string's value, other JSON compactly (`fields`
// must outlive the lookup).
std::function<std::optional<std::string>(std::string_view)>
field_lookup(const boost::json::object& fields);

} // namespace emu::net
