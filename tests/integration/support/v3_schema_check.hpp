#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace emu::testing {

// What is wrong with `body` as the v3 response `response_name`, checked against Eden's v3
// OpenAPI document as tests/schemas/v3_responses.schema.json holds it: one
// "<JSON path>: <description>" per violation (the path as "<root>[items][0][status]"), empty
// when the body is valid. The names are those of RESPONSES in scripts/extract_eden_v3_schemas.py,
// which lists the routes answering with each ("job" for the create 202 and the job GET); an
// unknown name is one violation.
std::vector<std::string> v3_schema_errors(std::string_view response_name,
                                          const boost::json::value& body);

// A Boost.Test check that `body` is a valid `response_name`, naming each violation.
void check_v3_schema(std::string_view response_name, const boost::json::value& body);

} // namespace emu::testing
