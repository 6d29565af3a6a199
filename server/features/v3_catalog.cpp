#include "server/features/v3_catalog.hpp"

#include "server/support/text.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <stdexcept>

namespace emu::features {
namespace {

namespace json = boost::json;

// Reads one catalog file, naming it and the place in it in every error.
class file_reader {
public:
    explicit file_reader(std::string_view name)
        : name_(name) {}

    [[noreturn]] void fail(const std::string& where, const std::string& what) const {
        throw std::runtime_error("v3 catalog " + std::string{name_} + ": " + where + ": " + what);
    }

    const json::object& object(const json::value& value, const std::string& where) const {
        if (!value.is_object()) {
            fail(where, "expected an object");
        }
        return value.get_object();
    }

    const json::value&
    member(const json::object& parent, std::string_view key, const std::string& where) const {
        const auto* found = parent.if_contains(key);
        if (found == nullptr) {
            fail(where, "missing \"" + std::string{key} + "\"");
        }
        return *found;
    }

    std::string
    text(const json::object& parent, std::string_view key, const std::string& where) const {
        const auto& value = member(parent, key, where);
        if (!value.is_string() || value.get_string().empty()) {
            fail(where + "." + std::string{key}, "expected a non-empty string");
        }
        return std::string{value.get_string()};
    }

    const json::array&
    array(const json::object& parent, std::string_view key, const std::string& where) const {
        const auto& value = member(parent, key, where);
        if (!value.is_array()) {
            fail(where + "." + std::string{key}, "expected an array");
        }
        return value.get_array();
    }

    double
    number(const json::object& parent, std::string_view key, const std::string& where) const {
        const auto& value = member(parent, key, where);
        if (!value.is_number()) {
            fail(where + "." + std::string{key}, "expected a number");
        }
        return value.to_number<double>();
    }

    std::vector<v3_field> fields(const json::object& schema, const std::string& where) const {
        std::vector<v3_field> result;
        const auto& list = array(schema, "fields", where);
        for (std::size_t i = 0; i < list.size(); ++i) {
            result.push_back(field(list[i], where + ".fields[" + std::to_string(i) + "]"));
        }
        return result;
    }

    v3_field field(const json::value& value, const std::string& where) const {
        const auto& item = object(value, where);
        v3_field result;
        result.name = text(item, "name", where);
        result.types = types(item, where);
        result.type = result.types.front();
        const auto& required = member(item, "required", where);
        if (!required.is_bool()) {
            fail(where + ".required", "expected true or false");
        }
        result.required = required.get_bool();
        if (result.type == field_type::choice) {
            for (const auto& choice : array(item, "enum", where)) {
                if (!choice.is_string()) {
                    fail(where + ".enum", "expected strings");
                }
                result.choices.emplace_back(choice.get_string());
            }
        }
        if (result.type == field_type::array) {
            const auto& items = object(member(item, "items", where), where + ".items");
            if (const auto alternatives = types(items, where + ".items");
                alternatives.size() == 1) {
                result.item_type = alternatives.front();
            }
            if (items.contains("fields")) {
                result.fields = fields(items, where + ".items");
            }
        }
        if (result.type == field_type::object && item.contains("fields")) {
            result.fields = fields(item, where);
        }
        if (item.contains("minimum")) {
            result.minimum = number(item, "minimum", where);
        }
        if (item.contains("maximum")) {
            result.maximum = number(item, "maximum", where);
        }
        if (item.contains("allowed_mime_types")) {
            for (const auto& mime : array(item, "allowed_mime_types", where)) {
                if (!mime.is_string()) {
                    fail(where + ".allowed_mime_types", "expected strings");
                }
                result.allowed_mime_types.emplace_back(mime.get_string());
            }
        }
        return result;
    }

    // A type word, or a union of them ("file_input | object"), first alternative first.
    std::vector<field_type> types(const json::object& item, const std::string& where) const {
        const auto words = text(item, "type", where);
        std::vector<field_type> result;
        std::string_view rest{words};
        while (!rest.empty()) {
            const auto bar = rest.find('|');
            const auto word = support::trim(rest.substr(0, bar));
            const auto parsed = field_type_names.parse(word);
            if (!parsed) {
                fail(where + ".type",
                     "unknown type \"" + std::string{word} + "\" (expected " +
                         field_type_names.choices("\"") + ", or several joined by \"|\")");
            }
            result.push_back(*parsed);
            rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
        }
        return result;
    }

    v3_model
    model(const json::value& value, const std::string& path, const std::string& where) const {
        const auto& row = object(value, where);
        v3_model result;
        result.id = text(row, "model", where);
        const auto prefix = path + "/";
        if (!result.id.starts_with(prefix) || result.id.size() == prefix.size()) {
            fail(where + ".model", "\"" + result.id + "\" does not start with \"" + prefix + "\"");
        }
        const auto rest = std::string_view{result.id}.substr(prefix.size());
        const auto slash = rest.find('/');
        result.provider = std::string{rest.substr(0, slash)};
        if (slash != std::string_view::npos) {
            result.model = std::string{rest.substr(slash + 1)};
        }
        const auto& pricing = object(member(row, "pricing", where), where + ".pricing");
        result.price = number(pricing, "price", where + ".pricing");
        result.unit_quantity = number(pricing, "price_unit_quantity", where + ".pricing");
        const auto unit = text(pricing, "price_unit_type", where + ".pricing");
        const auto parsed = price_unit_names.parse(unit);
        if (!parsed || result.unit_quantity <= 0 || result.price < 0) {
            fail(where + ".pricing",
                 "expected a price >= 0, a price_unit_quantity > 0 and a price_unit_type of " +
                     price_unit_names.choices("\""));
        }
        result.unit = *parsed;
        return result;
    }

    v3_subfeature subfeature(const json::value& value,
                             const std::string& feature,
                             const std::string& where) const {
        const auto& item = object(value, where);
        v3_subfeature result;
        result.feature = feature;
        result.name = text(item, "name", where);
        result.path = feature + "/" + result.name;
        const auto mode = text(item, "mode", where);
        if (mode != "async" && mode != "sync") {
            fail(where + ".mode", "expected \"async\" or \"sync\"");
        }
        result.async = mode == "async";
        text(item, "fullname", where);
        result.input = fields(object(member(item, "input_schema", where), where), where);
        result.output = fields(object(member(item, "output_schema", where), where), where);
        const auto& models = array(item, "models", where);
        for (std::size_t i = 0; i < models.size(); ++i) {
            result.models.push_back(
                model(models[i], result.path, where + ".models[" + std::to_string(i) + "]"));
        }
        for (std::size_t i = 0; i < result.models.size(); ++i) {
            const auto& id = result.models[i].id;
            if (std::any_of(result.models.begin(),
                            result.models.begin() + static_cast<std::ptrdiff_t>(i),
                            [&](const v3_model& earlier) { return earlier.id == id; })) {
                fail(where + ".models", "\"" + id + "\" is listed twice");
            }
        }
        result.info = item;
        return result;
    }

private:
    std::string_view name_;
};

// Whether the subfeature takes a file, and must.
input_need input_of(const v3_subfeature& sub) {
    for (const auto& field : sub.input) {
        if (field.type == field_type::file) {
            return field.required ? input_need::required : input_need::optional;
        }
    }
    return input_need::none;
}

} // namespace

const v3_model* v3_subfeature::find_model(std::string_view provider, std::string_view model) const {
    const v3_model* first = nullptr;
    for (const auto& row : models) {
        if (row.provider != provider) {
            continue;
        }
        if (row.model == model) {
            return &row;
        }
        first = first == nullptr ? &row : first;
    }
    return model.empty() ? first : nullptr;
}

const v3_subfeature* v3_feature::find(std::string_view subfeature) const {
    const auto it = std::find_if(subfeatures.begin(),
                                 subfeatures.end(),
                                 [&](const v3_subfeature& s) { return s.name == subfeature; });
    return it == subfeatures.end() ? nullptr : &*it;
}

v3_catalog::v3_catalog(std::span<const file> files) {
    for (const auto& [name, text] : files) {
        const file_reader reader{name};
        boost::system::error_code ec;
        const auto document = json::parse(text, ec);
        if (ec) {
            reader.fail("(file)", "not JSON: " + ec.message());
        }
        const auto& root = reader.object(document, "(file)");
        v3_feature feature;
        feature.name = reader.text(root, "name", "(file)");
        if (find_feature(feature.name) != nullptr) {
            reader.fail("name", "feature \"" + feature.name + "\" is in another file too");
        }
        reader.text(root, "fullname", "(file)");
        const auto& subfeatures = reader.array(root, "subfeatures", "(file)");
        for (std::size_t i = 0; i < subfeatures.size(); ++i) {
            auto sub = reader.subfeature(
                subfeatures[i], feature.name, "subfeatures[" + std::to_string(i) + "]");
            if (feature.find(sub.name) != nullptr) {
                reader.fail("subfeatures", "\"" + sub.name + "\" is listed twice");
            }
            feature.subfeatures.push_back(std::move(sub));
        }
        for (const auto* key : {"name", "fullname", "description"}) {
            if (const auto* value = root.if_contains(key)) {
                feature.info[key] = *value;
            }
        }
        features_.push_back(std::move(feature));
    }
    // Views are taken once every vector has its final size: nothing moves afterwards.
    for (auto& feature : features_) {
        for (auto& sub : feature.subfeatures) {
            for (const auto& row : sub.models) {
                if (std::find(sub.providers.begin(), sub.providers.end(), row.provider) ==
                    sub.providers.end()) {
                    sub.providers.push_back(row.provider);
                }
            }
            if (sub.async) {
                specs_.push_back(feature_spec{.path = sub.path,
                                              .deletable = true,
                                              .input = input_of(sub),
                                              .providers = sub.providers,
                                              .api = api_version::v3});
                spec_sources_.push_back(&sub);
            }
        }
    }
}

const v3_catalog& v3_catalog::shipped() {
    static const v3_catalog catalog{shipped_v3_catalog_files()};
    return catalog;
}

const v3_feature* v3_catalog::find_feature(std::string_view name) const {
    const auto it = std::find_if(
        features_.begin(), features_.end(), [&](const v3_feature& f) { return f.name == name; });
    return it == features_.end() ? nullptr : &*it;
}

const v3_subfeature* v3_catalog::find(std::string_view feature, std::string_view subfeature) const {
    const auto* found = find_feature(feature);
    return found == nullptr ? nullptr : found->find(subfeature);
}

const feature_spec& v3_catalog::spec_of(const v3_subfeature& sub) const {
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        if (spec_sources_[i] == &sub) {
            return specs_[i];
        }
    }
    throw std::invalid_argument("v3 catalog: no async spec for " + sub.path);
}

const v3_subfeature& v3_catalog::subfeature_of(const feature_spec& spec) const {
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        if (&specs_[i] == &spec) {
            return *spec_sources_[i];
        }
    }
    throw std::invalid_argument("v3 catalog: a feature spec it did not make");
}

} // namespace emu::features
