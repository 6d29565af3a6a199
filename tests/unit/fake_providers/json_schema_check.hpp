#pragma once

// Checks a value against a client's JSON Schema with valijson (draft 7 rules), as the web
// generators' structured data must pass.
#include <boost/json/value.hpp>

#include <string>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#include <vector>

namespace emu::testing {

// Each violation as "<JSON path>: <description>"; empty when the value validates.
inline std::vector<std::string> schema_violations(const boost::json::value& schema,
                                                  const boost::json::value& value) {
    valijson::Schema parsed;
    valijson::SchemaParser parser{valijson::SchemaParser::kDraft7};
    const valijson::adapters::BoostJsonAdapter schema_adapter{schema};
    parser.populateSchema(schema_adapter, parsed);
    const valijson::adapters::BoostJsonAdapter value_adapter{value};
    valijson::Validator validator; // strong types: 1.0 is not an integer
    valijson::ValidationResults results;
    std::vector<std::string> out;
    if (validator.validate(parsed, value_adapter, &results)) {
        return out;
    }
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        std::string path;
        for (const auto& part : error.context) {
            path += part;
        }
        out.push_back(path + ": " + error.description);
    }
    return out;
}

// All violations on one line each, for a test message.
inline std::string violations_text(const std::vector<std::string>& violations) {
    std::string out;
    for (const auto& violation : violations) {
        out += violation + "\n";
    }
    return out;
}

} // namespace emu::testing
