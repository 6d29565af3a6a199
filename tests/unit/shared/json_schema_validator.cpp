#include "tests/unit/shared/json_schema_validator.hpp"

#include <boost/json/parse.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace emu::testing {
namespace {

// valijson also reports each enclosing array item, property, anyOf branch and if/then of a
// violation; the innermost report says what is wrong.
bool encloses_another_report(std::string_view description) {
    return description.starts_with("Failed to validate item #") ||
           description.starts_with(
               "Failed to validate against schema associated with property name") ||
           description.starts_with("Failed to validate against child schema #") ||
           description.starts_with("Failed to validate against a conditional schema");
}

} // namespace

json_schema_validator::json_schema_validator(const boost::json::value& document)
    : schema_(std::make_unique<valijson::Schema>()) {
    valijson::SchemaParser parser{valijson::SchemaParser::kDraft7};
    parser.populateSchema(valijson::adapters::BoostJsonAdapter{document}, *schema_);
}

json_schema_validator::~json_schema_validator() = default;

std::vector<std::string>
json_schema_validator::violations(const boost::json::value& instance) const {
    valijson::Validator validator{valijson::Validator::kStrongTypes};
    valijson::ValidationResults results;
    std::vector<std::string> out;
    if (validator.validate(*schema_, valijson::adapters::BoostJsonAdapter{instance}, &results)) {
        return out;
    }
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        if (encloses_another_report(error.description)) {
            continue;
        }
        std::string path;
        for (const auto& part : error.context) {
            path += part;
        }
        out.push_back(path + ": " + error.description);
    }
    return out;
}

std::string lines_of(const std::vector<std::string>& violations) {
    std::string text;
    for (const auto& violation : violations) {
        text += violation + "\n";
    }
    return text;
}

boost::json::value read_json_file(const std::filesystem::path& path) {
    std::ifstream in{path, std::ios::binary};
    if (!in) {
        throw std::runtime_error{"cannot open " + path.string()};
    }
    std::ostringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    auto value = boost::json::parse(text.str(), ec);
    if (ec) {
        throw std::runtime_error{path.string() + " is not JSON: " + ec.message()};
    }
    return value;
}

} // namespace emu::testing
