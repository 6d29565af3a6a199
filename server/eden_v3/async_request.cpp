#include "server/eden_v3/async_request.hpp"

#include "fake_providers/media_probe.hpp"
#include "server/net/v3_errors.hpp"
#include "server/support/near_words.hpp"
#include "server/support/text.hpp"
#include "server/wire/json_writer.hpp"

#include <boost/json/parse.hpp>

#include <cmath>

namespace emu::eden_v3 {
namespace {

namespace json = boost::json;
using features::field_type;
using features::v3_field;
using net::v3::input_errors;
using net::v3::request_errors;

constexpr std::size_t max_fallbacks = 3;
constexpr std::size_t max_url_length = 2083; // webhook_receiver's maxLength

json::array body_loc(std::string_view key) {
    return json::array{"body", key};
}

// Pydantic's lax booleans: JSON booleans, 0 and 1, and its spellings of true and false.
std::optional<bool> lax_bool(const json::value& value) {
    if (value.is_bool()) {
        return value.get_bool();
    }
    if (value.is_int64() && (value.get_int64() == 0 || value.get_int64() == 1)) {
        return value.get_int64() == 1;
    }
    if (value.is_string()) {
        const auto text = support::lower(value.get_string());
        for (const auto* yes : {"true", "1", "yes", "on", "t", "y"}) {
            if (text == yes) {
                return true;
            }
        }
        for (const auto* no : {"false", "0", "no", "off", "f", "n"}) {
            if (text == no) {
                return false;
            }
        }
    }
    return std::nullopt;
}

bool is_http_url(std::string_view text) {
    for (const auto* scheme : {"http://", "https://"}) {
        const std::string_view prefix{scheme};
        if (text.size() > prefix.size() &&
            support::iequals(text.substr(0, prefix.size()), prefix)) {
            const auto host = text.substr(prefix.size());
            return !host.empty() && host.front() != '/' && host.front() != ':';
        }
    }
    return false;
}

// The body's own keys, checked as Eden's FastAPI model does.
struct body_keys {
    std::string model;
    const json::object* input = nullptr;
    const json::value* provider_params = nullptr;
    std::vector<std::string> fallbacks;
    bool show_original_response = false;
    std::string webhook_receiver;
    const json::value* user_webhook_parameters = nullptr;
};

body_keys read_body_keys(const json::value& document) {
    request_errors errors;
    body_keys keys;
    if (!document.is_object()) {
        errors.add(json::array{"body"},
                   "model_attributes_type",
                   "Input should be a valid dictionary or object to extract fields from",
                   document);
        throw errors.to_error();
    }
    const auto& body = document.get_object();
    const auto optional_object = [&](std::string_view key) -> const json::value* {
        const auto* value = body.if_contains(key);
        if (value == nullptr || value->is_null()) {
            return nullptr;
        }
        if (!value->is_object()) {
            errors.add(body_loc(key), "dict_type", "Input should be a valid dictionary", *value);
        }
        return value;
    };
    if (const auto* model = body.if_contains("model"); model == nullptr) {
        errors.add(body_loc("model"), "missing", "Field required", body);
    } else if (!model->is_string()) {
        errors.add(body_loc("model"), "string_type", "Input should be a valid string", *model);
    } else {
        keys.model = std::string{model->get_string()};
    }
    if (const auto* input = body.if_contains("input"); input == nullptr) {
        errors.add(body_loc("input"), "missing", "Field required", body);
    } else if (!input->is_object()) {
        errors.add(body_loc("input"), "dict_type", "Input should be a valid dictionary", *input);
    } else {
        keys.input = &input->get_object();
    }
    keys.provider_params = optional_object("provider_params");
    keys.user_webhook_parameters = optional_object("user_webhook_parameters");
    if (const auto* fallbacks = body.if_contains("fallbacks");
        fallbacks != nullptr && !fallbacks->is_null()) {
        if (!fallbacks->is_array()) {
            errors.add(
                body_loc("fallbacks"), "list_type", "Input should be a valid list", *fallbacks);
        } else if (fallbacks->get_array().size() > max_fallbacks) {
            errors.add(body_loc("fallbacks"),
                       "too_long",
                       "List should have at most 3 items after validation, not " +
                           std::to_string(fallbacks->get_array().size()),
                       *fallbacks);
        } else {
            const auto& list = fallbacks->get_array();
            for (std::size_t i = 0; i < list.size(); ++i) {
                if (!list[i].is_string()) {
                    errors.add(json::array{"body", "fallbacks", i},
                               "string_type",
                               "Input should be a valid string",
                               list[i]);
                } else {
                    keys.fallbacks.emplace_back(list[i].get_string());
                }
            }
        }
    }
    if (const auto* show = body.if_contains("show_original_response");
        show != nullptr && !show->is_null()) {
        if (const auto flag = lax_bool(*show)) {
            keys.show_original_response = *flag;
        } else {
            errors.add(body_loc("show_original_response"),
                       "bool_parsing",
                       "Input should be a valid boolean, unable to interpret input",
                       *show);
        }
    }
    if (const auto* receiver = body.if_contains("webhook_receiver");
        receiver != nullptr && !receiver->is_null()) {
        if (!receiver->is_string()) {
            errors.add(body_loc("webhook_receiver"),
                       "string_type",
                       "Input should be a valid string",
                       *receiver);
        } else if (receiver->get_string().size() > max_url_length) {
            errors.add(body_loc("webhook_receiver"),
                       "url_too_long",
                       "URL should have at most 2083 characters",
                       *receiver);
        } else if (!is_http_url(receiver->get_string())) {
            errors.add(body_loc("webhook_receiver"),
                       "url_parsing",
                       "Input should be a valid URL, relative URL without a base",
                       *receiver);
        } else {
            keys.webhook_receiver = std::string{receiver->get_string()};
        }
    }
    if (!errors.empty()) {
        throw errors.to_error();
    }
    return keys;
}

// A model string cut into feature, subfeature, provider and model ("" when none).
struct model_parts {
    std::string_view feature, subfeature, provider, model;
};

std::optional<model_parts> split_model(std::string_view text) {
    model_parts parts;
    std::array<std::string_view*, 3> heads{&parts.feature, &parts.subfeature, &parts.provider};
    for (auto* head : heads) {
        const auto slash = text.find('/');
        *head = text.substr(0, slash);
        if (head->empty()) {
            return std::nullopt;
        }
        text = slash == std::string_view::npos ? std::string_view{} : text.substr(slash + 1);
        if (slash == std::string_view::npos && head != heads.back()) {
            return std::nullopt;
        }
    }
    parts.model = text;
    return parts;
}

[[noreturn]] void bad_model_string(std::string_view received) {
    throw net::v3::described(400,
                             "Invalid provider format",
                             "Expected 'feature/subfeature/provider[/model]'",
                             {{"received", std::string{received}}});
}

// The subfeature a model string names, as an async one.
const features::v3_subfeature& subfeature_of(const model_parts& parts,
                                             const features::v3_catalog& catalog) {
    const auto* sub = catalog.find(parts.feature, parts.subfeature);
    const std::string path = std::string{parts.feature} + "/" + std::string{parts.subfeature};
    if (sub == nullptr) {
        auto error = net::v3::described(
            404, "Subfeature not found", "Subfeature '" + path + "' does not exist");
        std::vector<std::string_view> async_paths;
        for (const auto& spec : catalog.async_specs()) {
            async_paths.push_back(spec.path);
        }
        if (const auto near = support::nearest_word(path, async_paths)) {
            error.with_hint("did you mean " + *near + "?");
        }
        throw error;
    }
    if (!sub->async) {
        throw net::v3::described(400,
                                 "Invalid subfeature",
                                 "'" + path +
                                     "' is a synchronous subfeature: call POST "
                                     "/v3/universal-ai, or use an *_async subfeature here");
    }
    return *sub;
}

// The provider (and model) a model string or fallback names on `sub`.
jobs::requested_provider
provider_of(const features::v3_subfeature& sub, std::string_view provider, std::string_view model) {
    const auto found = std::find(sub.providers.begin(), sub.providers.end(), provider);
    if (found == sub.providers.end()) {
        auto error = net::v3::described(404,
                                        "Provider not found",
                                        "Provider '" + std::string{provider} +
                                            "' does not support " + sub.path);
        const auto near = support::nearest_word(provider, sub.providers);
        throw error.with_hint(near ? "did you mean " + *near + "?"
                                   : sub.path + " has " + support::join(sub.providers, ", "));
    }
    if (sub.find_model(provider, model) == nullptr) {
        std::vector<std::string_view> models;
        for (const auto& entry : sub.models) {
            if (entry.provider == provider && !entry.model.empty()) {
                models.push_back(entry.model);
            }
        }
        auto error = net::v3::described(404,
                                        "Model not found",
                                        "Model '" + std::string{model} +
                                            "' is not available for provider '" +
                                            std::string{provider} + "' on " + sub.path);
        const auto near = support::nearest_word(model, models);
        const std::string named = std::string{provider};
        throw error.with_hint(
            near             ? "did you mean " + named + "/" + *near + "?"
            : models.empty() ? named + " has only its default model here: " + sub.path + "/" + named
                             : named + "'s models here: " + support::join(models, ", "));
    }
    return {*found, std::string{model}};
}

// A fallback: "provider", "provider/model", or a full model string of the same subfeature.
jobs::requested_provider fallback_of(const features::v3_subfeature& sub,
                                     const features::v3_catalog& catalog,
                                     std::string_view text) {
    const std::string prefix = sub.path + "/";
    if (text.starts_with(prefix)) {
        text.remove_prefix(prefix.size());
    } else if (const auto parts = split_model(text);
               parts && catalog.find(parts->feature, parts->subfeature) != nullptr) {
        throw net::v3::described(400,
                                 "Invalid fallback",
                                 "Fallback '" + std::string{text} + "' must serve " + sub.path +
                                     ", as the model does");
    }
    const auto slash = text.find('/');
    const auto provider = text.substr(0, slash);
    const auto model =
        slash == std::string_view::npos ? std::string_view{} : text.substr(slash + 1);
    if (provider.empty()) {
        throw net::v3::described(400,
                                 "Invalid fallback",
                                 "Expected 'provider', 'provider/model' or '" + prefix +
                                     "provider[/model]', not '" + std::string{text} + "'");
    }
    return provider_of(sub, provider, model);
}

std::string describe_number(double value) {
    return json_text::compact(std::trunc(value) == value && std::abs(value) < 1e15
                                  ? json::value(static_cast<std::int64_t>(value))
                                  : json::value(value));
}

// What is wrong with `value` as one `type` of `field`, or nullopt when it fits (a file input
// is then resolved into `file`: an upload's probed metadata, or a URL's).
std::optional<std::string> type_problem(field_type type,
                                        const v3_field& field,
                                        const json::value& value,
                                        uploads::upload_store& uploads,
                                        std::string_view tenant,
                                        std::optional<fake::input_file>& file) {
    switch (type) {
    case field_type::string:
        return value.is_string() ? std::nullopt
                                 : std::optional<std::string>{"Input should be a valid string"};
    case field_type::integer:
        if (value.is_int64() || value.is_uint64() ||
            (value.is_double() && std::trunc(value.get_double()) == value.get_double())) {
            return std::nullopt;
        }
        return "Input should be a valid integer";
    case field_type::number:
        return value.is_number() ? std::nullopt
                                 : std::optional<std::string>{"Input should be a valid number"};
    case field_type::boolean:
        return value.is_bool() ? std::nullopt
                               : std::optional<std::string>{"Input should be a valid boolean"};
    case field_type::choice:
        if (value.is_string() &&
            std::find(field.choices.begin(), field.choices.end(), value.get_string()) !=
                field.choices.end()) {
            return std::nullopt;
        }
        return "Input should be " + support::spoken_list(field.choices, " or ", "'");
    case field_type::array: {
        if (!value.is_array()) {
            return "Input should be a valid list";
        }
        const auto& items = value.get_array();
        if (field.item_type == field_type::string &&
            std::any_of(items.begin(), items.end(), [](const json::value& item) {
                return !item.is_string();
            })) {
            return "Input should be a list of strings";
        }
        return std::nullopt;
    }
    case field_type::object:
    case field_type::dict:
        return value.is_object() ? std::nullopt
                                 : std::optional<std::string>{"Input should be a valid dictionary"};
    case field_type::any:
        return std::nullopt;
    case field_type::file:
        break;
    }
    const std::string not_a_file = "Input should be a file id from /v3/upload or an http(s) URL";
    if (!value.is_string()) {
        return not_a_file;
    }
    const std::string_view text = value.get_string();
    if (is_http_url(text)) {
        file = fake::describe_url(text);
        return std::nullopt;
    }
    if (!jobs::job_id::parse(text)) {
        return not_a_file;
    }
    auto found = uploads.find(tenant, text);
    if (const auto* failure = std::get_if<uploads::lookup_failure>(&found)) {
        return "File '" + std::string{text} +
               (*failure == uploads::lookup_failure::expired ? "' has expired" : "' not found");
    }
    file = std::get<uploads::upload>(found).file;
    return std::nullopt;
}

// What is wrong with a number against the field's bounds, or nullopt.
std::optional<std::string> range_problem(const v3_field& field, const json::value& value) {
    if (!value.is_number()) {
        return std::nullopt;
    }
    const auto number = value.to_number<double>();
    if (field.minimum && number < *field.minimum) {
        return "Input should be greater than or equal to " + describe_number(*field.minimum);
    }
    if (field.maximum && number > *field.maximum) {
        return "Input should be less than or equal to " + describe_number(*field.maximum);
    }
    return std::nullopt;
}

// The input fields, checked against the subfeature's (a union's value must fit one of its
// types); sets the job's params and file.
void read_input(const json::object& input,
                const features::v3_subfeature& sub,
                uploads::upload_store& uploads,
                std::string_view tenant,
                jobs::job_input& job) {
    input_errors errors;
    for (const auto& field : sub.input) {
        const auto* value = input.if_contains(field.name);
        if (value == nullptr || value->is_null()) {
            if (field.required) {
                errors.add(field.name, "Field required");
            }
            continue;
        }
        std::optional<std::string> problem;
        for (const auto type : field.types) {
            problem = type_problem(type, field, *value, uploads, tenant, job.file);
            if (!problem) {
                break;
            }
        }
        if (!problem) {
            problem = range_problem(field, *value);
        }
        if (problem) {
            errors.add(field.name, std::move(*problem));
            continue;
        }
        job.params.set(field.name,
                       value->is_string() ? std::string{value->get_string()}
                                          : json_text::compact(*value));
    }
    if (!errors.empty()) {
        throw errors.to_error();
    }
}

} // namespace

async_launch read_async_launch(std::string_view body,
                               const features::v3_catalog& catalog,
                               uploads::upload_store& uploads,
                               std::string_view tenant) {
    boost::system::error_code ec;
    const auto document = json::parse(body, ec);
    if (ec) {
        request_errors errors;
        errors.add(json::array{"body", 0}, "json_invalid", "JSON decode error", json::object{});
        throw errors.to_error();
    }
    const auto keys = read_body_keys(document);
    const auto parts = split_model(keys.model);
    if (!parts) {
        bad_model_string(keys.model);
    }
    const auto& sub = subfeature_of(*parts, catalog);
    async_launch launch;
    launch.model = keys.model;
    launch.spec = &catalog.spec_of(sub);
    launch.providers.push_back(provider_of(sub, parts->provider, parts->model));
    for (const auto& fallback : keys.fallbacks) {
        launch.providers.push_back(fallback_of(sub, catalog, fallback));
    }
    auto input = std::make_shared<jobs::job_input>();
    read_input(*keys.input, sub, uploads, tenant, *input);
    if (keys.provider_params != nullptr) {
        input->params.set("provider_params", json_text::compact(*keys.provider_params));
    }
    input->show_original_response = keys.show_original_response;
    input->webhook_receiver = keys.webhook_receiver;
    if (keys.user_webhook_parameters != nullptr) {
        input->users_webhook_parameters = json_text::compact(*keys.user_webhook_parameters);
    }
    launch.fields = *keys.input;
    launch.input = std::move(input);
    return launch;
}

} // namespace emu::eden_v3
