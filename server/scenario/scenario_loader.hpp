#pragma once

#include "server/scenario/scenario.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace emu::scenario {

// A scenario file that cannot be used; what() names the file, the JSON path and the problem.
class load_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Parses one scenario document (JSON; comments and trailing commas allowed). `origin` names
// the source in error messages.
scenario parse_scenario(std::string_view text, std::string_view origin);

// Parses scenario text to JSON (comments and trailing commas allowed); throws load_error.
boost::json::value parse_scenario_json(std::string_view text, std::string_view origin);

// Reads a scenario from its parsed JSON document; throws load_error.
scenario scenario_from_json(const boost::json::value& document, std::string_view origin);

// Reads one step: its status, error and literal result, and when `timed` its "after" or
// "after_polls"; untimed steps (forced through the control API) may name a "provider".
step parse_outcome(const boost::json::value& value,
                   std::string_view origin,
                   const std::string& path,
                   bool timed);

// The untimed document of a step, which parse_outcome(..., false) reads back to the same step.
boost::json::object outcome_document(const step& shown);

// Loads a scenario file, or every *.json file of a folder (sorted by name). All or nothing.
std::vector<scenario> load_scenarios(const std::filesystem::path& path);

} // namespace emu::scenario
