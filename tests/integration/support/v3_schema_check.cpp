#include "tests/integration/support/v3_schema_check.hpp"

#include "tests/unit/shared/json_schema_validator.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <functional>
#include <map>

namespace emu::testing {

namespace json = boost::json;

namespace {

// The v3 response schemas, parsed once: one validator per name of the document's "properties",
// each a root schema of that property's "$ref" with the document's definitions beside it, so
// that a violation's path starts at the body.
class v3_response_schemas {
public:
    v3_response_schemas() {
        const auto document = read_json_file(std::filesystem::path{EDENMOCK_SCHEMAS_DIR} /
                                             "v3_responses.schema.json");
        for (const auto& [name, schema] : document.at("properties").as_object()) {
            boost::json::object root = schema.as_object();
            root["definitions"] = document.at("definitions");
            validators_.try_emplace(std::string{name}, root);
        }
    }

    const json_schema_validator* find(std::string_view name) const {
        const auto found = validators_.find(name);
        return found == validators_.end() ? nullptr : &found->second;
    }

    std::string names() const {
        std::string out;
        for (const auto& entry : validators_) {
            out += (out.empty() ? "" : ", ") + entry.first;
        }
        return out;
    }

private:
    std::map<std::string, json_schema_validator, std::less<>> validators_;
};

const v3_response_schemas& schemas() {
    static const v3_response_schemas instance;
    return instance;
}

} // namespace

std::vector<std::string> v3_schema_errors(std::string_view response_name,
                                          const boost::json::value& body) {
    const auto* validator = schemas().find(response_name);
    if (validator == nullptr) {
        return {"no v3 response schema named \"" + std::string{response_name} +
                "\"; known: " + schemas().names()};
    }
    return validator->violations(body);
}

void check_v3_schema(std::string_view response_name, const boost::json::value& body) {
    const auto errors = v3_schema_errors(response_name, body);
    BOOST_TEST(errors.empty(), response_name << ": " << lines_of(errors) << json::serialize(body));
}

} // namespace emu::testing
