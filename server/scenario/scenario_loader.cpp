#include "server/scenario/scenario_loader.hpp"

#include "server/scheduling/iso_time.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace emu::scenario {
namespace {

namespace json = boost::json;

// Throws a load_error naming origin, the JSON path and the problem.
[[noreturn]] void fail(std::string_view origin, const std::string& path, std::string_view what) {
    throw load_error{std::string{origin} + ": " + path + ": " + std::string{what}};
}

const json::string* optional_string(const json::object& object,
                                    std::string_view key,
                                    std::string_view origin,
                                    const std::string& path) {
    const auto* value = object.if_contains(key);
    if (value == nullptr) {
        return nullptr;
    }
    if (!value->is_string()) {
        fail(origin, path + "." + std::string{key}, "expected string");
    }
    return &value->get_string();
}

step parse_step(const json::value& value, std::string_view origin, const std::string& path) {
    if (!value.is_object()) {
        fail(origin, path, "expected object like {\"after\": \"2s\", \"status\": \"finished\"}");
    }
    const auto& object = value.get_object();
    step result;
    const auto* after = object.if_contains("after");
    if (after == nullptr) {
        fail(origin, path + ".after", "required duration like \"30s\" is missing");
    }
    std::optional<scheduling::duration> parsed;
    if (after->is_string()) {
        parsed = scheduling::parse_duration(after->get_string());
    } else if (after->is_number()) {
        parsed = scheduling::parse_duration(std::to_string(after->to_number<double>()));
    }
    if (!parsed) {
        fail(origin, path + ".after", "expected duration like \"30s\"");
    }
    result.after = *parsed;
    const auto* status = optional_string(object, "status", origin, path);
    if (status == nullptr || *status == "finished") {
        result.status = provider_status::finished;
    } else if (*status == "failed") {
        result.status = provider_status::failed;
    } else if (*status == "processing") {
        result.status = provider_status::processing;
    } else {
        fail(origin, path + ".status", "expected \"processing\", \"finished\" or \"failed\"");
    }
    if (const auto* error = object.if_contains("error")) {
        if (!error->is_object()) {
            fail(origin, path + ".error", "expected object like {\"message\": \"...\"}");
        }
        const auto& error_object = error->get_object();
        if (const auto* type = optional_string(error_object, "type", origin, path + ".error")) {
            result.error_type = std::string{*type};
        }
        if (const auto* message =
                optional_string(error_object, "message", origin, path + ".error")) {
            result.error_message = std::string{*message};
        }
    }
    return result;
}

} // namespace

scenario parse_scenario(std::string_view text, std::string_view origin) {
    json::parse_options options;
    options.allow_comments = true;
    options.allow_trailing_commas = true;
    boost::system::error_code ec;
    const auto document = json::parse(text, ec, {}, options);
    if (ec) {
        fail(origin, "$", "not valid JSON: " + ec.message());
    }
    if (!document.is_object()) {
        fail(origin, "$", "expected an object");
    }
    const auto& root = document.get_object();
    scenario result;
    const auto* name = optional_string(root, "name", origin, "$");
    if (name == nullptr || name->empty()) {
        fail(origin, "name", "required non-empty string is missing");
    }
    result.name = std::string{*name};
    if (const auto* description = optional_string(root, "description", origin, "$")) {
        result.description = std::string{*description};
    }
    if (const auto* timelines = root.if_contains("timelines")) {
        if (!timelines->is_object()) {
            fail(origin, "timelines", "expected object keyed by provider name or \"*\"");
        }
        for (const auto& [provider, steps] : timelines->get_object()) {
            const std::string path = "timelines." + std::string{provider};
            if (!steps.is_array() || steps.get_array().empty()) {
                fail(origin, path, "expected a non-empty array of steps");
            }
            std::vector<step> parsed;
            std::size_t index = 0;
            for (const auto& item : steps.get_array()) {
                parsed.push_back(
                    parse_step(item, origin, path + "[" + std::to_string(index++) + "]"));
            }
            result.timelines[std::string{provider}] = std::move(parsed);
        }
    }
    return result;
}

std::vector<scenario> load_scenarios(const std::filesystem::path& path) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
            if (entry.is_regular_file() && entry.path().extension() == ".json") {
                files.push_back(entry.path());
            }
        }
        std::sort(files.begin(), files.end());
    } else if (std::filesystem::is_regular_file(path, ec)) {
        files.push_back(path);
    } else {
        throw load_error{path.string() + ": no such scenario file or folder"};
    }
    std::vector<scenario> result;
    for (const auto& file : files) {
        std::ifstream in{file, std::ios::binary};
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) {
            throw load_error{file.string() + ": cannot be read"};
        }
        result.push_back(parse_scenario(text.str(), file.filename().string()));
    }
    return result;
}

} // namespace emu::scenario
