#include "server/scenario/scenario_schema.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace emu::scenario {
namespace {

// The parsed schema, built once on first use.
const valijson::Schema& compiled_schema() {
    static const auto schema = [] {
        const auto document = boost::json::parse(scenario_schema_text());
        auto parsed = std::make_unique<valijson::Schema>();
        valijson::SchemaParser parser{valijson::SchemaParser::kDraft7};
        parser.populateSchema(valijson::adapters::BoostJsonAdapter{document}, *parsed);
        return parsed;
    }();
    return *schema;
}

// valijson's context ("<root>", "[timelines]", "[amazon]", "[1]") as timelines.amazon[1].
std::string path_of(const std::vector<std::string>& context) {
    std::string path;
    for (const auto& part : context) {
        if (part.size() < 2 || part.front() != '[' || part.back() != ']') {
            continue; // "<root>"
        }
        const auto name = std::string_view{part}.substr(1, part.size() - 2);
        const bool index = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) != 0;
        });
        if (index) {
            path += part;
        } else {
            path += (path.empty() ? "" : ".") + std::string{name};
        }
    }
    return path.empty() ? "$" : path;
}

} // namespace

std::optional<std::string> schema_violation(const boost::json::value& document) {
    valijson::Validator validator{valijson::Validator::kStrongTypes};
    valijson::ValidationResults results;
    if (validator.validate(
            compiled_schema(), valijson::adapters::BoostJsonAdapter{document}, &results)) {
        return std::nullopt;
    }
    valijson::ValidationResults::Error error;
    valijson::ValidationResults::Error deepest;
    while (results.popError(error)) {
        if (error.context.size() > deepest.context.size() || deepest.description.empty()) {
            deepest = error;
        }
    }
    return path_of(deepest.context) + ": " + deepest.description;
}

} // namespace emu::scenario
