#pragma once

#include <boost/json/value.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace valijson {
class Schema;
} // namespace valijson

namespace emu::testing {

// A JSON Schema (draft-07) document parsed once by valijson, checking Boost.JSON values against
// it with strong types (1.0 is not an integer). Shared by the test executables: the fake
// providers' v2 item schemas and the v3 response schemas of the integration tests.
class json_schema_validator {
public:
    // valijson, built without VALIJSON_USE_EXCEPTIONS here as in the server, aborts when
    // `document` is not a schema it reads.
    explicit json_schema_validator(const boost::json::value& document);

    ~json_schema_validator();

    json_schema_validator(const json_schema_validator&) = delete;
    json_schema_validator& operator=(const json_schema_validator&) = delete;

    // Each violation as "<JSON path>: <description>", the path as valijson writes it
    // ("<root>[items][0][status]"); empty when `instance` is valid.
    std::vector<std::string> violations(const boost::json::value& instance) const;

private:
    std::unique_ptr<valijson::Schema> schema_;
};

// Violations one per line, for a test message.
std::string lines_of(const std::vector<std::string>& violations);

// The JSON document a file holds. Throws std::runtime_error when it cannot be read or parsed.
boost::json::value read_json_file(const std::filesystem::path& path);

} // namespace emu::testing
