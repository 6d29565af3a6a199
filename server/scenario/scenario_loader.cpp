#include "server/scenario/scenario_loader.hpp"

#include "server/scenario/scenario_schema.hpp"
#include "server/scenario/scenario_warnings.hpp"
#include "server/support/iso_time.hpp"
#include "server/support/unknown_field.hpp"

#include <boost/json/stream_parser.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <span>
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

// Rejects keys outside `known`, so a misspelt field is an error naming the nearest known one
// instead of silently ignored. `path` is the object's ("" for the document).
void only_known_keys(const json::object& object,
                     std::span<const std::string_view> known,
                     std::string_view origin,
                     const std::string& path) {
    for (const auto& member : object) {
        if (std::find(known.begin(), known.end(), member.key()) == known.end()) {
            fail(origin,
                 path.empty() ? "$" : path,
                 support::unknown_field_message(member.key(), known));
        }
    }
}

void only_known_keys(const json::object& object,
                     std::initializer_list<std::string_view> known,
                     std::string_view origin,
                     const std::string& path) {
    only_known_keys(object, std::span{known.begin(), known.size()}, origin, path);
}

// A string or an array of strings.
std::vector<std::string>
string_list(const json::value& value, std::string_view origin, const std::string& path) {
    std::vector<std::string> result;
    if (value.is_string()) {
        result.emplace_back(value.get_string());
        return result;
    }
    if (value.is_array()) {
        for (const auto& item : value.get_array()) {
            if (!item.is_string()) {
                fail(origin, path, "expected a string or an array of strings");
            }
            result.emplace_back(item.get_string());
        }
        return result;
    }
    fail(origin, path, "expected a string or an array of strings");
}

// An object of name -> pattern strings.
std::vector<std::pair<std::string, std::string>>
pattern_map(const json::value& value, std::string_view origin, const std::string& path) {
    if (!value.is_object()) {
        fail(origin, path, "expected an object of name: pattern strings");
    }
    std::vector<std::pair<std::string, std::string>> result;
    for (const auto& [name, pattern] : value.get_object()) {
        if (!pattern.is_string()) {
            fail(origin, path + "." + std::string{name}, "expected a string pattern");
        }
        result.emplace_back(name, pattern.get_string());
    }
    return result;
}

match_rules parse_match(const json::value& value, std::string_view origin) {
    if (!value.is_object()) {
        fail(origin, "match", "expected an object");
    }
    const auto& object = value.get_object();
    only_known_keys(
        object,
        {"feature", "api", "model", "provider", "tenant", "file_name", "fields", "headers"},
        origin,
        "match");
    match_rules rules;
    const auto list = [&](std::string_view key, std::vector<std::string>& out) {
        if (const auto* item = object.if_contains(key)) {
            out = string_list(*item, origin, "match." + std::string{key});
        }
    };
    list("feature", rules.features);
    list("api", rules.apis);
    list("model", rules.models);
    list("provider", rules.providers);
    list("tenant", rules.tenants);
    list("file_name", rules.file_names);
    if (const auto* fields = object.if_contains("fields")) {
        rules.fields = pattern_map(*fields, origin, "match.fields");
    }
    if (const auto* headers = object.if_contains("headers")) {
        rules.headers = pattern_map(*headers, origin, "match.headers");
    }
    return rules;
}

// A duration given as text ("30s", "1.5m") or as a number of seconds.
std::optional<scheduling::duration> duration_value(const json::value& value) {
    if (value.is_string()) {
        return support::parse_duration(value.get_string());
    }
    if (value.is_number()) {
        return support::parse_duration(std::to_string(value.to_number<double>()));
    }
    return std::nullopt;
}

// Reads when something happens: "after" (a duration) or "after_polls" (a count), exactly one.
// `timed` is a step or a job failure rule.
template <typename Timed>
void parse_timing(const json::object& object,
                  Timed& result,
                  std::string_view origin,
                  const std::string& path) {
    const auto* after = object.if_contains("after");
    const auto* polls = object.if_contains("after_polls");
    if ((after == nullptr) == (polls == nullptr)) {
        fail(origin,
             path,
             "give exactly one of \"after\" (a duration like \"30s\") or \"after_polls\" (a "
             "number of GETs)");
    }
    if (polls != nullptr) {
        if (!polls->is_int64() || polls->get_int64() < 1 || polls->get_int64() > 1000000) {
            fail(origin, path + ".after_polls", "expected an integer from 1 to 1000000");
        }
        result.after_polls = static_cast<std::uint32_t>(polls->get_int64());
        return;
    }
    const auto parsed = duration_value(*after);
    if (!parsed) {
        fail(origin, path + ".after", "expected duration like \"30s\"");
    }
    result.after = *parsed;
}

// An integer from `low` to `high`, else a load_error naming `path` and `what`.
std::int64_t integer_in(const json::value& value,
                        std::int64_t low,
                        std::int64_t high,
                        std::string_view origin,
                        const std::string& path,
                        std::string_view what) {
    if (!value.is_int64() || value.get_int64() < low || value.get_int64() > high) {
        fail(origin, path, what);
    }
    return value.get_int64();
}

// Reads a fault rule's "when": one of nth, every, first (counts) or probability.
void parse_fault_when(const json::value& value,
                      fault_rule& rule,
                      std::string_view origin,
                      const std::string& path) {
    const auto expected = "expected an object with one of " + fault_when_names.choices("\"");
    if (!value.is_object()) {
        fail(origin, path, expected);
    }
    const auto& object = value.get_object();
    only_known_keys(object, fault_when_names.names, origin, path);
    if (object.size() != 1) {
        fail(origin, path, expected);
    }
    const auto& [key, count] = *object.begin();
    if (key == "probability") {
        if (!count.is_number() || count.to_number<double>() < 0.0 ||
            count.to_number<double>() > 1.0) {
            fail(origin, path + ".probability", "expected a number from 0 to 1");
        }
        rule.when = fault_when::probability;
        rule.probability = count.to_number<double>();
        return;
    }
    rule.when = *fault_when_names.parse(key);
    rule.count = static_cast<std::uint32_t>(integer_in(count,
                                                       1,
                                                       1000000,
                                                       origin,
                                                       path + "." + std::string{key},
                                                       "expected an integer from 1 to 1000000"));
}

// Reads one fault rule: "on", "when" (default: every call) and exactly one effect.
fault_rule parse_fault(const json::value& value, std::string_view origin, const std::string& path) {
    if (!value.is_object()) {
        fail(origin,
             path,
             "expected an object like {\"on\": \"launch\", \"when\": {\"nth\": 3}, "
             "\"status\": 429}");
    }
    const auto& object = value.get_object();
    only_known_keys(object,
                    {"on", "when", "status", "body", "retry_after", "latency", "reset", "truncate"},
                    origin,
                    path);
    fault_rule rule;
    const auto* on = optional_string(object, "on", origin, path);
    const auto calls = fault_call_names.choices("\"");
    if (on == nullptr) {
        fail(origin, path + ".on", "required: " + calls);
    }
    const auto call = fault_call_names.parse(*on);
    if (!call) {
        fail(origin, path + ".on", "expected " + calls);
    }
    rule.on = *call;
    if (const auto* when = object.if_contains("when")) {
        parse_fault_when(*when, rule, origin, path + ".when");
    }
    int effects = 0;
    for (const auto key : {"status", "latency", "reset", "truncate"}) {
        effects += object.contains(key) ? 1 : 0;
    }
    if (effects != 1) {
        fail(origin,
             path,
             "give exactly one effect: \"status\", \"latency\", \"reset\" or \"truncate\"");
    }
    for (const auto key : {"body", "retry_after"}) {
        if (object.contains(key) && !object.contains("status")) {
            fail(origin, path + "." + key, "allowed only with \"status\"");
        }
    }
    if (const auto* status = object.if_contains("status")) {
        rule.effect = fault_effect::status;
        rule.status = static_cast<unsigned>(integer_in(*status,
                                                       400,
                                                       599,
                                                       origin,
                                                       path + ".status",
                                                       "expected an HTTP error status from 400 "
                                                       "to 599"));
        if (const auto* body = object.if_contains("body")) {
            rule.body = *body;
        }
        if (const auto* retry = object.if_contains("retry_after")) {
            rule.retry_after = static_cast<std::uint32_t>(
                integer_in(*retry,
                           0,
                           86400,
                           origin,
                           path + ".retry_after",
                           "expected a whole number of seconds from 0 to 86400"));
        }
    } else if (const auto* latency = object.if_contains("latency")) {
        rule.effect = fault_effect::latency;
        const auto parsed = duration_value(*latency);
        if (!parsed || parsed->count() <= 0 || *parsed > std::chrono::minutes{10}) {
            fail(origin, path + ".latency", "expected a duration like \"2s\", at most 10m");
        }
        rule.latency = *parsed;
    } else if (const auto* reset = object.if_contains("reset")) {
        if (!reset->is_bool() || !reset->get_bool()) {
            fail(origin, path + ".reset", "expected true");
        }
        rule.effect = fault_effect::reset;
    } else {
        rule.effect = fault_effect::truncate;
        rule.truncate = static_cast<std::uint64_t>(integer_in(object.at("truncate"),
                                                              0,
                                                              std::int64_t{1} << 40,
                                                              origin,
                                                              path + ".truncate",
                                                              "expected a number of body bytes "
                                                              "(0 or more)"));
    }
    return rule;
}

// Reads a provider error {"type", "message"} into `shown`.
void parse_error(const json::value& error,
                 step& shown,
                 std::string_view origin,
                 const std::string& path) {
    if (!error.is_object()) {
        fail(origin, path, "expected object like {\"message\": \"...\"}");
    }
    const auto& object = error.get_object();
    only_known_keys(object, {"type", "message"}, origin, path);
    if (const auto* type = optional_string(object, "type", origin, path)) {
        shown.error_type = std::string{*type};
    }
    if (const auto* message = optional_string(object, "message", origin, path)) {
        shown.error_message = std::string{*message};
    }
}

// Reads "job_failure": when, the job's message, the list state and the providers' error.
job_failure_rule parse_job_failure(const json::value& value, std::string_view origin) {
    const std::string path = "job_failure";
    if (!value.is_object()) {
        fail(origin,
             path,
             "expected object like {\"after\": \"30s\", \"message\": \"Timeout error\"}");
    }
    const auto& object = value.get_object();
    only_known_keys(
        object, {"after", "after_polls", "message", "list_state", "provider_error"}, origin, path);
    job_failure_rule rule;
    parse_timing(object, rule, origin, path);
    if (const auto* message = optional_string(object, "message", origin, path)) {
        rule.message = std::string{*message};
    }
    rule.shown.error_message = rule.message;
    if (const auto* state = optional_string(object, "list_state", origin, path)) {
        if (*state != "failed" && *state != "Timeout error") {
            fail(origin, path + ".list_state", "expected \"failed\" or \"Timeout error\"");
        }
        rule.list_state = std::string{*state};
    }
    if (const auto* error = object.if_contains("provider_error")) {
        parse_error(*error, rule.shown, origin, path + ".provider_error");
    }
    return rule;
}

// Reads "webhook": how deliveries of jobs following the scenario misbehave.
webhook_plan parse_webhook(const json::value& value, std::string_view origin) {
    const std::string path = "webhook";
    if (!value.is_object()) {
        fail(origin, path, "expected object like {\"delay\": \"5s\"}");
    }
    const auto& object = value.get_object();
    only_known_keys(object,
                    {"delay", "drop", "duplicates", "out_of_order", "early", "corrupt_signature"},
                    origin,
                    path);
    webhook_plan plan;
    const auto flag = [&](std::string_view key, bool& out) {
        if (const auto* item = object.if_contains(key)) {
            if (!item->is_bool()) {
                fail(origin, path + "." + std::string{key}, "expected true or false");
            }
            out = item->get_bool();
        }
    };
    const auto span = [&](std::string_view key, scheduling::duration& out) {
        if (const auto* item = object.if_contains(key)) {
            const auto parsed = duration_value(*item);
            if (!parsed) {
                fail(origin, path + "." + std::string{key}, "expected duration like \"30s\"");
            }
            out = *parsed;
        }
    };
    span("delay", plan.delay);
    span("early", plan.early);
    flag("drop", plan.drop);
    flag("out_of_order", plan.out_of_order);
    flag("corrupt_signature", plan.corrupt_signature);
    if (const auto* duplicates = object.if_contains("duplicates")) {
        plan.duplicates =
            static_cast<std::uint32_t>(integer_in(*duplicates,
                                                  0,
                                                  100,
                                                  origin,
                                                  path + ".duplicates",
                                                  "expected an integer from 0 to 100"));
    }
    return plan;
}

std::vector<fault_rule> parse_faults(const json::value& value, std::string_view origin) {
    if (!value.is_array()) {
        fail(origin, "faults", "expected an array of fault rules");
    }
    std::vector<fault_rule> result;
    std::size_t index = 0;
    for (const auto& item : value.get_array()) {
        result.push_back(parse_fault(item, origin, "faults[" + std::to_string(index++) + "]"));
    }
    return result;
}

// The scenario of a parsed document, with every field checked by hand.
scenario read_scenario(const json::value& document, std::string_view origin);

} // namespace

step parse_outcome(const json::value& value,
                   std::string_view origin,
                   const std::string& path,
                   bool timed) {
    if (!value.is_object()) {
        fail(origin, path, "expected object like {\"after\": \"2s\", \"status\": \"finished\"}");
    }
    const auto& object = value.get_object();
    if (timed) {
        only_known_keys(
            object, {"after", "after_polls", "status", "error", "result", "partial"}, origin, path);
    } else {
        only_known_keys(object, {"provider", "status", "error", "result", "partial"}, origin, path);
    }
    step result;
    if (timed) {
        parse_timing(object, result, origin, path);
    }
    const auto* status = optional_string(object, "status", origin, path);
    const auto named =
        status == nullptr ? provider_status::finished : provider_status_names.parse(*status);
    if (!named) {
        fail(origin, path + ".status", "expected " + provider_status_names.choices("\""));
    }
    result.status = *named;
    if (const auto* error = object.if_contains("error")) {
        parse_error(*error, result, origin, path + ".error");
    }
    if (const auto* literal = object.if_contains("result")) {
        if (!literal->is_object() || result.status != provider_status::finished) {
            fail(origin,
                 path + ".result",
                 "expected an object of result fields, on a \"finished\" step");
        }
        result.result = literal->get_object();
    }
    if (const auto* partial = object.if_contains("partial")) {
        if (!partial->is_number() || partial->to_number<double>() <= 0.0 ||
            partial->to_number<double>() > 1.0 || result.status != provider_status::finished) {
            fail(origin,
                 path + ".partial",
                 "expected the fraction of the result kept (above 0, at most 1), on a "
                 "\"finished\" step");
        }
        result.partial = partial->to_number<double>();
    }
    return result;
}

json::object outcome_document(const step& shown) {
    json::object document{
        {"status", to_string(shown.status)},
        {"error", json::object{{"type", shown.error_type}, {"message", shown.error_message}}}};
    if (!shown.result.empty()) {
        document["result"] = shown.result;
    }
    if (shown.partial) {
        document["partial"] = *shown.partial;
    }
    return document;
}

json::value parse_scenario_json(std::string_view text, std::string_view origin) {
    json::parse_options options;
    options.allow_comments = true;
    options.allow_trailing_commas = true;
    json::stream_parser parser{{}, options};
    boost::system::error_code ec;
    const auto consumed = parser.write_some(text.data(), text.size(), ec);
    if (!ec) {
        parser.finish(ec);
    }
    if (ec) {
        // Name the position where the parser stopped, 1-based like editors show it.
        std::size_t line = 1;
        std::size_t column = 1;
        for (std::size_t i = 0; i < consumed && i < text.size(); ++i) {
            column = text[i] == '\n' ? 1 : column + 1;
            line += text[i] == '\n' ? 1U : 0U;
        }
        fail(origin,
             "line " + std::to_string(line) + " column " + std::to_string(column),
             "not valid JSON: " + ec.message());
    }
    return parser.release();
}

scenario parse_scenario(std::string_view text, std::string_view origin) {
    return scenario_from_json(parse_scenario_json(text, origin), origin);
}

scenario scenario_from_json(const json::value& document, std::string_view origin) {
    auto result = read_scenario(document, origin);
    // The field checks above give the clearest messages; the schema (docs/scenario.schema.json)
    // is the published contract and must agree with them.
    if (auto violation = schema_violation(document)) {
        throw load_error{std::string{origin} + ": " + *violation};
    }
    result.warnings = scenario_warnings(result);
    result.source = document;
    return result;
}

namespace {

scenario read_scenario(const json::value& document, std::string_view origin) {
    if (!document.is_object()) {
        fail(origin, "$", "expected an object");
    }
    const auto& root = document.get_object();
    only_known_keys(root,
                    {"$schema",
                     "name",
                     "description",
                     "priority",
                     "match",
                     "timelines",
                     "job_failure",
                     "expire_after",
                     "webhook",
                     "faults",
                     "expect"},
                    origin,
                    "");
    scenario result;
    const auto* name = optional_string(root, "name", origin, "$");
    if (name == nullptr || name->empty()) {
        fail(origin, "name", "required non-empty string is missing");
    }
    result.name = std::string{*name};
    if (const auto* description = optional_string(root, "description", origin, "$")) {
        result.description = std::string{*description};
    }
    if (const auto* expect = root.if_contains("expect")) {
        result.expect = *expect;
    }
    if (const auto* priority = root.if_contains("priority")) {
        if (!priority->is_int64() || priority->get_int64() < -1000000 ||
            priority->get_int64() > 1000000) {
            fail(origin, "priority", "expected an integer between -1000000 and 1000000");
        }
        result.priority = static_cast<int>(priority->get_int64());
    }
    if (const auto* match = root.if_contains("match")) {
        result.match = parse_match(*match, origin);
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
                    parse_outcome(item, origin, path + "[" + std::to_string(index++) + "]", true));
            }
            result.timelines[std::string{provider}] = std::move(parsed);
        }
    }
    if (const auto* failure = root.if_contains("job_failure")) {
        result.job_failure = parse_job_failure(*failure, origin);
    }
    if (const auto* expire = root.if_contains("expire_after")) {
        result.expire_after = duration_value(*expire);
        if (!result.expire_after) {
            fail(origin, "expire_after", "expected duration like \"1h\"");
        }
    }
    if (const auto* webhook = root.if_contains("webhook")) {
        result.webhook = parse_webhook(*webhook, origin);
    }
    if (const auto* faults = root.if_contains("faults")) {
        result.faults = parse_faults(*faults, origin);
    }
    return result;
}

} // namespace

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
        auto parsed = parse_scenario(text.str(), file.filename().string());
        for (const auto& earlier : result) {
            if (earlier.name == parsed.name) {
                throw load_error{file.filename().string() + ": name: \"" + parsed.name +
                                 "\" is already the name of another scenario file"};
            }
        }
        result.push_back(std::move(parsed));
    }
    return result;
}

} // namespace emu::scenario
