#pragma once

#include "server/features/feature_table.hpp"
#include "server/support/enum_names.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::features {

// What a v3 model's price counts (docs/v3-catalog.md).
enum class price_unit { second, page, character, url, request };

inline constexpr support::enum_names<price_unit, 5> price_unit_names{
    {"second", "page", "character", "url", "request"}};

// One priced model of a v3 subfeature: "ocr/ocr_async/amazon", ".../deepgram/nova-3".
struct v3_model {
    std::string id;       // the full model string
    std::string provider; // its third segment
    std::string model;    // segments 4 and on joined by '/'; "" for the provider's default
    double price = 0;
    double unit_quantity = 1;
    price_unit unit = price_unit::request;
};

// The type words of the simplified schema format.
enum class field_type { string, integer, number, boolean, choice, array, object, dict, any, file };

inline constexpr support::enum_names<field_type, 10> field_type_names{
    {"string", "int", "float", "bool", "enum", "array", "object", "dict", "any", "file_input"}};

// One input or output field of a subfeature (the simplified format's field object).
struct v3_field {
    std::string name;
    field_type type = field_type::string; // the first of `types`
    std::vector<field_type> types;        // a union's alternatives; one type otherwise
    bool required = false;
    std::vector<std::string> choices;            // type enum
    std::optional<field_type> item_type;         // type array
    std::optional<double> minimum, maximum;      // int and float
    std::vector<std::string> allowed_mime_types; // file_input
    std::vector<v3_field> fields;                // type object (and array of object items)
};

// One v3 subfeature as the catalog files describe it.
struct v3_subfeature {
    std::string feature; // "ocr"
    std::string name;    // "ocr_async"
    std::string path;    // "ocr/ocr_async"
    bool async = false;
    std::vector<v3_field> input;
    std::vector<v3_field> output;
    std::vector<v3_model> models;
    std::vector<std::string_view> providers; // distinct, in model order; views into models
    boost::json::object info;                // the file's subfeature object, as /v3/info shows it

    // The provider's default model (or, without one, its first), or nullptr.
    const v3_model* find_model(std::string_view provider, std::string_view model) const;
};

// One v3 feature and its subfeatures.
struct v3_feature {
    std::string name;
    boost::json::object info; // name, fullname, description, as /v3/info shows them
    std::vector<v3_subfeature> subfeatures;

    const v3_subfeature* find(std::string_view subfeature) const;
};

// Eden's v3 features, subfeatures, providers and models, read from the catalog files
// (server/features/v3/*.json, compiled in): the one source for the v3 surface.
class v3_catalog {
public:
    // A catalog file: its name (for messages) and its text.
    using file = std::pair<std::string_view, std::string_view>;

    // Parses catalog files; throws std::runtime_error naming the file and what is wrong.
    explicit v3_catalog(std::span<const file> files);

    v3_catalog(const v3_catalog&) = delete;
    v3_catalog& operator=(const v3_catalog&) = delete;

    // The catalog this build ships.
    static const v3_catalog& shipped();

    std::span<const v3_feature> features() const { return features_; }

    const v3_feature* find_feature(std::string_view name) const;

    const v3_subfeature* find(std::string_view feature, std::string_view subfeature) const;

    // A feature spec per async subfeature, for the job service and the fake providers.
    std::span<const feature_spec> async_specs() const { return specs_; }

    // The spec of an async subfeature of this catalog; throws std::invalid_argument for others.
    const feature_spec& spec_of(const v3_subfeature& sub) const;

    // The subfeature an async spec was made from.
    const v3_subfeature& subfeature_of(const feature_spec& spec) const;

private:
    std::vector<v3_feature> features_;
    std::vector<feature_spec> specs_;
    std::vector<const v3_subfeature*> spec_sources_; // parallel to specs_
};

// The compiled-in catalog files (generated from server/features/v3/ by CMake).
std::span<const v3_catalog::file> shipped_v3_catalog_files();

} // namespace emu::features
