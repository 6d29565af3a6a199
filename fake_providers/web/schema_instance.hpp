#pragma once

#include "fake_providers/deterministic.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace emu::fake::web {

// What made-up structured data is drawn from: the words and pages of the job.
struct instance_material {
    std::vector<std::string> words; // the prompt's keywords first; never empty
    std::vector<std::string> urls;  // the pages the data comes from; never empty
};

// A value that validates against the JSON Schema `schema`, drawn from the material: strings of
// its words (URLs, e-mail addresses, dates and ids where a format or a property name asks for
// one), numbers within the bounds, every property down to a depth and the required ones below.
// Understood: type (the first non-null of a list, else inferred from the other keywords),
// properties, required, additionalProperties, min/maxProperties, items (one schema or a
// tuple), prefixItems, additionalItems, min/maxItems, uniqueItems, enum, const, format (date,
// date-time, time, email, uri, uuid, hostname, ipv4, ipv6), min/maxLength, minimum, maximum,
// exclusive bounds (boolean and numeric forms), multipleOf, allOf (merged), anyOf and oneOf
// (their first branch), $ref to the same document ("#/$defs/...", "#/definitions/..."). Not
// understood: pattern, not, if/then/else, dependencies, contains, patternProperties.
boost::json::value
instance_of(const boost::json::value& schema, const instance_material& material, rng& gen);

// Data a provider returns when the client gives no schema: a topic, a summary and key points.
boost::json::value schemaless_data(const instance_material& material, rng& gen);

} // namespace emu::fake::web
