#pragma once

#include "server/net/http_types.hpp"
#include "server/net/route_table.hpp"
#include "server/scenario/fault_rule.hpp"

#include <optional>

namespace emu::eden_v2 {

// The answer of a rule that stops its call (status or reset) in the dialect's error format;
// `version` is the request's.
net::answer
stopped_call(const scenario::fault_rule& rule, unsigned version, net::error_dialect dialect);

// `normal` delivered as `rule` says (latency, truncate); unchanged without a rule.
net::answer delivered(net::response normal, const std::optional<scenario::fault_rule>& rule);

} // namespace emu::eden_v2
