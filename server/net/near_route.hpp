#pragma once

#include "server/net/http_types.hpp"
#include "server/net/route_table.hpp"

#include <string>
#include <string_view>

namespace emu::net {

// The near-miss hint of a request the route table has no route for (404), or no route of its
// method for (405): the nearest route's path, or, when none is near, its surface's guide (the
// list of the surface's paths when the guide is empty).
std::string route_miss_hint(const route_table& table,
                            http::verb method,
                            std::string_view path,
                            const route_match& match);

// How far a request path is from a route pattern, in edits: segments are compared by
// support::edit_distance, a {parameter} takes any segment, a missing segment costs its length plus
// one (4 for a parameter), an extra one at most 4, and a segment that starts or ends the pattern's
// (a missing "_async") costs
// 2. Exposed for tests.
std::size_t path_distance(std::string_view path, std::string_view pattern);

} // namespace emu::net
