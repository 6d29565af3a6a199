#include "server/eden_v2/launch_validator.hpp"

#include "fake_providers/media_probe.hpp"
#include "server/net/api_error.hpp"
#include "server/support/near_words.hpp"
#include "server/support/text.hpp"
#include "server/wire/field_values.hpp"
#include "server/wire/json_writer.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cmath>

namespace emu::eden_v2 {

using net::api_error;
using net::field_errors;
using wire::is_http_url;
using wire::value_as_boolean;
using wire::value_as_integer;
using wire::value_as_number;
using wire::value_as_text;

namespace {

namespace json = boost::json;
using features::param_spec;
using features::param_type;

using support::trim;

std::string number_text(double value) {
    return json_text::compact(json::value(value));
}

std::string bound_text(double value) {
    return value == std::floor(value) ? std::to_string(static_cast<long long>(value))
                                      : number_text(value);
}

// Collects the provider names of a `providers` value: "a,b", ["a", "b"], or "['a', 'b']".
bool provider_entries(const json::value& value, std::vector<std::string>& out) {
    const auto split = [&](std::string_view text) {
        text = trim(text);
        if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
            text = text.substr(1, text.size() - 2);
        }
        while (!text.empty()) {
            const auto comma = text.find(',');
            auto entry = trim(text.substr(0, comma));
            if (entry.size() >= 2 && (entry.front() == '\'' || entry.front() == '"') &&
                entry.back() == entry.front()) {
                entry = trim(entry.substr(1, entry.size() - 2));
            }
            if (!entry.empty()) {
                out.emplace_back(entry);
            }
            text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        }
    };
    if (value.is_string()) {
        split(value.get_string());
        return true;
    }
    if (value.is_array()) {
        for (const auto& item : value.get_array()) {
            if (!item.is_string()) {
                return false;
            }
            split(item.get_string());
        }
        return true;
    }
    return false;
}

// Validates `providers` against the feature's list.
std::vector<jobs::requested_provider> check_providers(const features::feature_spec& feature,
                                                      const json::object& fields,
                                                      field_errors& errors) {
    std::vector<jobs::requested_provider> result;
    const auto* value = fields.if_contains("providers");
    if (value == nullptr) {
        errors.add("providers", "This field is required.");
        return result;
    }
    std::vector<std::string> entries;
    if (!provider_entries(*value, entries)) {
        errors.add("providers", "Expected a comma-separated string or a list of provider names.");
        return result;
    }
    if (entries.empty()) {
        errors.add("providers", "This field may not be blank.");
        return result;
    }
    for (const auto& entry : entries) {
        const auto slash = entry.find('/');
        const auto name = trim(std::string_view{entry}.substr(0, slash));
        const auto model = slash == std::string::npos
                               ? std::string_view{}
                               : trim(std::string_view{entry}.substr(slash + 1));
        const auto known = std::find(feature.providers.begin(), feature.providers.end(), name);
        if (known == feature.providers.end()) {
            errors.add("providers",
                       "\"" + std::string{name} + "\" is not a valid provider for " +
                           std::string{feature.path} +
                           ". Allowed providers: " + support::join(feature.providers, ", ") + ".");
            if (const auto near = support::nearest_word(name, feature.providers)) {
                errors.add_hint("provider \"" + std::string{name} + "\": did you mean " + *near +
                                "?");
            }
            continue;
        }
        const bool duplicate = std::any_of(
            result.begin(), result.end(), [&](const auto& p) { return p.name == *known; });
        if (duplicate) {
            errors.add("providers",
                       "Provider \"" + std::string{name} + "\" is listed more than once.");
            continue;
        }
        result.push_back(jobs::requested_provider{*known, std::string{model}});
    }
    return result;
}

// Normalizes a JSON-typed field (object, or text holding JSON) to compact JSON text.
std::optional<std::string> json_field(const json::value& value) {
    if (value.is_object()) {
        return json_text::compact(value);
    }
    if (!value.is_string()) {
        return std::nullopt;
    }
    const auto text = trim(value.get_string());
    if (text.empty()) {
        return std::string{"{}"};
    }
    boost::system::error_code ec;
    const auto parsed = json::parse(text, ec);
    if (ec || !parsed.is_object()) {
        return std::nullopt;
    }
    return json_text::compact(parsed);
}

// The value a declared parameter has in the form. As Django REST Framework reads form fields
// (Field.get_value), an empty form value of a field that may not be blank counts as null when
// the field is nullable, and as absent when it is optional; JSON bodies are taken as they are.
const json::value* param_value(const param_spec& spec, const launch_form& form) {
    static const json::value null_value;
    const auto* value = form.fields.if_contains(spec.name);
    const bool may_be_blank = spec.type == param_type::string && spec.min_length == 0;
    if (value == nullptr || form.json_body || !value->is_string() || !value->get_string().empty() ||
        may_be_blank) {
        return value;
    }
    if (spec.nullable) {
        return &null_value;
    }
    return spec.required ? value : nullptr;
}

// Checks one declared parameter; on success stores its normalized text in params.
void check_param(const param_spec& spec,
                 const json::value* value,
                 fake::launch_params& params,
                 field_errors& errors) {
    const std::string name{spec.name};
    if (value == nullptr) {
        if (spec.required) {
            errors.add(name, "This field is required.");
        }
        return;
    }
    if (value->is_null()) {
        if (!spec.nullable) {
            errors.add(name, "This field may not be null.");
        }
        return;
    }
    switch (spec.type) {
    case param_type::string: {
        // DRF's CharField trims whitespace (trim_whitespace=True) before it checks blankness.
        auto text = value_as_text(*value);
        if (text) {
            text = std::string{trim(*text)};
        }
        if (!text) {
            errors.add(name, "Not a valid string.");
        } else if (text->empty() && spec.min_length > 0) {
            errors.add(name, "This field may not be blank.");
        } else if (support::utf8_length(*text) < spec.min_length) {
            errors.add(name,
                       "Ensure this field has at least " + std::to_string(spec.min_length) +
                           " characters.");
        } else if (spec.max_length > 0 && support::utf8_length(*text) > spec.max_length) {
            errors.add(name,
                       "Ensure this field has no more than " + std::to_string(spec.max_length) +
                           " characters.");
        } else {
            params.set(name, *text);
        }
        return;
    }
    case param_type::integer:
    case param_type::number: {
        std::optional<double> number;
        std::string normalized;
        if (spec.type == param_type::integer) {
            const auto integer = value_as_integer(*value);
            if (!integer) {
                errors.add(name, "A valid integer is required.");
                return;
            }
            number = static_cast<double>(*integer);
            normalized = std::to_string(*integer);
        } else {
            number = value_as_number(*value);
            if (!number) {
                errors.add(name, "A valid number is required.");
                return;
            }
            normalized = number_text(*number);
        }
        if (spec.minimum && *number < *spec.minimum) {
            errors.add(name,
                       "Ensure this value is greater than or equal to " +
                           bound_text(*spec.minimum) + ".");
        } else if (spec.maximum && *number > *spec.maximum) {
            errors.add(name,
                       "Ensure this value is less than or equal to " + bound_text(*spec.maximum) +
                           ".");
        } else {
            params.set(name, normalized);
        }
        return;
    }
    case param_type::boolean: {
        const auto flag = value_as_boolean(*value);
        if (!flag) {
            errors.add(name, "Must be a valid boolean.");
        } else {
            params.set(name, *flag ? "true" : "false");
        }
        return;
    }
    case param_type::choice: {
        const auto text = value_as_text(*value);
        if (!text ||
            std::find(spec.choices.begin(), spec.choices.end(), *text) == spec.choices.end()) {
            errors.add(name,
                       "\"" + (text ? *text : json_text::compact(*value)) +
                           "\" is not a valid choice.");
        } else {
            params.set(name, *text);
        }
        return;
    }
    case param_type::json: {
        const auto text = json_field(*value);
        if (!text) {
            errors.add(name, "Value must be valid JSON.");
        } else {
            params.set(name, *text);
        }
        return;
    }
    }
}

// A boolean common field with its default.
bool common_flag(const json::object& fields,
                 std::string_view name,
                 bool fallback,
                 field_errors& errors) {
    const auto* value = fields.if_contains(name);
    if (value == nullptr || value->is_null()) {
        return fallback;
    }
    const auto flag = value_as_boolean(*value);
    if (!flag) {
        errors.add(std::string{name}, "Must be a valid boolean.");
        return fallback;
    }
    return *flag;
}

std::string lower_extension(std::string_view filename) {
    const auto dot = filename.rfind('.');
    return support::lower(dot == std::string_view::npos ? std::string_view{}
                                                        : filename.substr(dot + 1));
}

// Whether ext is one of the '|'-separated allowed extensions.
bool extension_allowed(std::string_view allowed, std::string_view ext) {
    while (!allowed.empty()) {
        const auto bar = allowed.find('|');
        if (allowed.substr(0, bar) == ext) {
            return true;
        }
        allowed = bar == std::string_view::npos ? std::string_view{} : allowed.substr(bar + 1);
    }
    return false;
}

std::string list_extensions(std::string_view allowed) {
    std::string result;
    for (char c : allowed) {
        result += c == '|' ? std::string_view{", "} : std::string_view{&c, 1};
    }
    return result;
}

// Checks file / file_url and records the input's metadata.
void check_input(const features::feature_spec& feature,
                 const launch_form& form,
                 jobs::job_input& input,
                 field_errors& errors) {
    const auto* url = form.fields.if_contains("file_url");
    std::optional<std::string> file_url;
    if (url != nullptr && !url->is_null()) {
        const auto text = value_as_text(*url);
        if (text && trim(*text).empty()) {
            errors.add("file_url", "This field may not be blank."); // DRF URLField is a CharField
        } else if (!text || !is_http_url(trim(*text))) {
            errors.add("file_url", "Enter a valid URL.");
        } else {
            file_url = std::string{trim(*text)};
        }
    }
    if (form.json_body) {
        if (const auto* file = form.fields.if_contains("file");
            file != nullptr && !file->is_null()) {
            errors.add("file",
                       "A JSON body cannot carry a file: upload it as multipart/form-data or give "
                       "file_url.");
            return;
        }
    }
    if (form.file) {
        if (!feature.file_extensions.empty()) {
            const auto ext = lower_extension(form.file->filename);
            if (!extension_allowed(feature.file_extensions, ext)) {
                errors.add("file",
                           "File extension \"" + ext +
                               "\" is not allowed. Allowed extensions are: " +
                               list_extensions(feature.file_extensions) + ".");
                return;
            }
        }
        if (form.file->bytes.empty()) {
            errors.add("file", "The submitted file is empty.");
            return;
        }
        input.file =
            fake::probe_file(form.file->filename, form.file->content_type, form.file->bytes);
        if (file_url) {
            input.params.set("file_url", *file_url);
        }
        return;
    }
    if (file_url) {
        input.params.set("file_url", *file_url);
        input.file = fake::describe_url(*file_url);
        return;
    }
    // An invalid file_url is reported on its own; only a missing input is reported here.
    if (feature.input == features::input_need::required && (url == nullptr || url->is_null())) {
        errors.add("file", "Please provide either a file or a file_url.");
    }
}

// Checks the fields every async feature shares besides providers and the input.
void check_common(const json::object& fields, jobs::job_input& input, field_errors& errors) {
    if (const auto* settings = fields.if_contains("settings");
        settings != nullptr && !settings->is_null()) {
        if (const auto text = json_field(*settings)) {
            input.params.set("settings", *text);
        } else {
            errors.add("settings", "Value must be valid JSON.");
        }
    }
    input.show_original_response = common_flag(fields, "show_original_response", false, errors);
    input.show_base_64 = common_flag(fields, "show_base_64", true, errors);
    input.send_webhook_data = common_flag(fields, "send_webhook_data", true, errors);
    if (const auto* receiver = fields.if_contains("webhook_receiver");
        receiver != nullptr && !receiver->is_null()) {
        const auto text = value_as_text(*receiver);
        if (!text || !is_http_url(trim(*text))) {
            errors.add("webhook_receiver", "Enter a valid URL.");
        } else {
            input.webhook_receiver = std::string{trim(*text)};
        }
    }
    if (const auto* parameters = fields.if_contains("users_webhook_parameters");
        parameters != nullptr && !parameters->is_null()) {
        // Echoed as sent: JSON stays JSON; form text that holds JSON is taken as that JSON.
        boost::system::error_code ec;
        json::value parsed;
        if (parameters->is_string()) {
            parsed = json::parse(parameters->get_string(), ec);
        }
        input.users_webhook_parameters = json_text::compact(
            parameters->is_string() && !ec && (parsed.is_object() || parsed.is_array())
                ? parsed
                : *parameters);
    }
}

} // namespace

validated_launch validate_launch(const features::feature_spec& feature, const launch_form& form) {
    field_errors errors;
    validated_launch result;
    result.input = std::make_shared<jobs::job_input>();
    result.providers = check_providers(feature, form.fields, errors);
    check_common(form.fields, *result.input, errors);
    for (const auto& spec : feature.params) {
        check_param(spec, param_value(spec, form), result.input->params, errors);
    }
    if (feature.input != features::input_need::none) {
        check_input(feature, form, *result.input, errors);
    }
    if (!errors.empty()) {
        throw api_error::invalid(errors);
    }
    return result;
}

} // namespace emu::eden_v2
