#include "server/wire/v3_info.hpp"

#include <boost/json/array.hpp>

namespace emu::wire {

namespace json = boost::json;
using features::field_type;

namespace {

json::value member_or_null(const json::object& info, std::string_view key) {
    const auto* value = info.if_contains(key);
    return value == nullptr ? json::value{} : *value;
}

// SubfeatureInfo: name, fullname, description, mode, models.
json::object render_subfeature(const features::v3_subfeature& sub) {
    return {{"name", sub.name},
            {"fullname", member_or_null(sub.info, "fullname")},
            {"description", member_or_null(sub.info, "description")},
            {"mode", sub.async ? "async" : "sync"},
            {"models", member_or_null(sub.info, "models")}};
}

json::object json_schema_of(const std::vector<features::v3_field>& fields);

json::object property_of(const features::v3_field& field);

// One type of a field as a JSON Schema.
json::object schema_of_type(const features::v3_field& field, field_type type) {
    json::object schema;
    switch (type) {
    case field_type::string:
        schema["type"] = "string";
        break;
    case field_type::integer:
        schema["type"] = "integer";
        break;
    case field_type::number:
        schema["type"] = "number";
        break;
    case field_type::boolean:
        schema["type"] = "boolean";
        break;
    case field_type::choice: {
        json::array choices;
        for (const auto& choice : field.choices) {
            choices.emplace_back(choice);
        }
        schema["type"] = "string";
        schema["enum"] = std::move(choices);
        break;
    }
    case field_type::array: {
        features::v3_field item;
        item.type = field.item_type.value_or(field_type::any);
        item.types = {item.type};
        item.fields = field.fields;
        schema["type"] = "array";
        schema["items"] = property_of(item);
        break;
    }
    case field_type::object:
        schema =
            field.fields.empty() ? json::object{{"type", "object"}} : json_schema_of(field.fields);
        break;
    case field_type::dict:
        schema["type"] = "object";
        break;
    case field_type::any:
        break;
    case field_type::file:
        schema["type"] = "string";
        schema["description"] = "A file_id from /v3/upload, or an http(s) URL";
        break;
    }
    if (field.minimum) {
        schema["minimum"] = *field.minimum;
    }
    if (field.maximum) {
        schema["maximum"] = *field.maximum;
    }
    return schema;
}

// One field as a JSON Schema property: a union is an anyOf of its types.
json::object property_of(const features::v3_field& field) {
    if (field.types.size() <= 1) {
        return schema_of_type(field, field.type);
    }
    json::array alternatives;
    for (const auto type : field.types) {
        alternatives.push_back(schema_of_type(field, type));
    }
    return {{"anyOf", std::move(alternatives)}};
}

json::object json_schema_of(const std::vector<features::v3_field>& fields) {
    json::object properties;
    json::array required;
    for (const auto& field : fields) {
        properties[field.name] = property_of(field);
        if (field.required) {
            required.emplace_back(field.name);
        }
    }
    return {{"type", "object"}, {"properties", std::move(properties)}, {"required", required}};
}

// A schema of the catalog file in the requested format.
json::value schema_in(const features::v3_subfeature& sub,
                      std::string_view key,
                      const std::vector<features::v3_field>& fields,
                      schema_format format) {
    if (format == schema_format::simplified) {
        return member_or_null(sub.info, key);
    }
    return json_schema_of(fields);
}

// The routes that serve the subfeature (the emulator's own description: Eden's is not known).
json::object endpoints_of(const features::v3_subfeature& sub) {
    if (sub.async) {
        return {{"create", "POST /v3/universal-ai/async"},
                {"get", "GET /v3/universal-ai/async/{job_id}"},
                {"list", "GET /v3/universal-ai/async"},
                {"delete", "DELETE /v3/universal-ai/async/{job_id}"}};
    }
    return {{"create", "POST /v3/universal-ai"}};
}

} // namespace

json::object render_feature(const features::v3_feature& feature) {
    json::array subfeatures;
    for (const auto& sub : feature.subfeatures) {
        subfeatures.push_back(render_subfeature(sub));
    }
    return {{"name", feature.name},
            {"fullname", member_or_null(feature.info, "fullname")},
            {"description", member_or_null(feature.info, "description")},
            {"subfeatures", std::move(subfeatures)}};
}

json::object render_features(const features::v3_catalog& catalog) {
    json::array features;
    for (const auto& feature : catalog.features()) {
        features.push_back(render_feature(feature));
    }
    return {{"features", std::move(features)}};
}

json::object render_subfeature_detail(const features::v3_feature& feature,
                                      const features::v3_subfeature& sub,
                                      schema_format format) {
    return {{"feature", feature.name},
            {"feature_fullname", member_or_null(feature.info, "fullname")},
            {"subfeature", sub.name},
            {"subfeature_fullname", member_or_null(sub.info, "fullname")},
            {"description", member_or_null(sub.info, "description")},
            {"mode", sub.async ? "async" : "sync"},
            {"endpoints", endpoints_of(sub)},
            {"input_schema", schema_in(sub, "input_schema", sub.input, format)},
            {"output_schema", schema_in(sub, "output_schema", sub.output, format)},
            {"models", member_or_null(sub.info, "models")}};
}

} // namespace emu::wire
