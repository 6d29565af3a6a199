#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace emu::scenario {

// The JSON Schema of scenario files (docs/scenario.schema.json), compiled in.
std::string_view scenario_schema_text();

// How `document` breaks the schema, as "path: what" with a path like
// `timelines.amazon[1].after` (the deepest of the schema's complaints), or nullopt when it
// conforms.
std::optional<std::string> schema_violation(const boost::json::value& document);

} // namespace emu::scenario
