#include "fake_providers/web/schema_instance.hpp"

#include "fake_providers/web/target_url.hpp"
#include "fake_providers/web/web_text.hpp"
#include "server/support/text.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string_view>
#include <system_error>

namespace emu::fake::web {

namespace {

namespace json = boost::json;

// Below this depth objects get every property and arrays two items; deeper, only what the
// schema requires, so recursive schemas end.
constexpr int full_depth = 6;
// Past this depth nothing is built: a schema that requires deeper data cannot be met.
constexpr int give_up_depth = 32;
// $refs followed and allOf/anyOf/oneOf merged for one schema, against reference loops.
constexpr int max_expansions = 16;
// Integers and bounds stay where doubles hold them exactly.
constexpr double largest = 1e15;

// The words of a property name ("releaseDate", "key_points"), lower-cased and without a plural
// 's', to tell what kind of value suits it.
class name_words {
public:
    explicit name_words(std::string_view name) {
        std::string word;
        const auto flush = [&] {
            if (word.size() > 3 && word.back() == 's') {
                word.pop_back();
            }
            if (!word.empty()) {
                words_.push_back(std::move(word));
            }
            word.clear();
        };
        for (const char c : name) {
            if (c == '_' || c == '-' || c == ' ' || c == '.') {
                flush();
            } else if (c >= 'A' && c <= 'Z') {
                flush();
                word.push_back(static_cast<char>(c - 'A' + 'a'));
            } else {
                word.push_back(c);
            }
        }
        flush();
    }

    bool has(std::initializer_list<std::string_view> wanted) const {
        return std::any_of(words_.begin(), words_.end(), [&](const std::string& word) {
            return std::find(wanted.begin(), wanted.end(), word) != wanted.end();
        });
    }

    bool ends_with(std::string_view wanted) const {
        return !words_.empty() && words_.back() == wanted;
    }

private:
    std::vector<std::string> words_;
};

const json::object* object_at(const json::object& schema, std::string_view key) {
    const auto* value = schema.if_contains(key);
    return value != nullptr ? value->if_object() : nullptr;
}

const json::array* array_at(const json::object& schema, std::string_view key) {
    const auto* value = schema.if_contains(key);
    return value != nullptr ? value->if_array() : nullptr;
}

std::optional<double> number_at(const json::object& schema, std::string_view key) {
    const auto* value = schema.if_contains(key);
    if (value == nullptr || !value->is_number()) {
        return std::nullopt;
    }
    return value->to_number<double>();
}

std::optional<std::size_t> count_at(const json::object& schema, std::string_view key) {
    const auto number = number_at(schema, key);
    if (!number || *number < 0) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(std::min(*number, 1000.0));
}

bool flag_at(const json::object& schema, std::string_view key) {
    const auto* value = schema.if_contains(key);
    return value != nullptr && value->is_bool() && value->get_bool();
}

bool has_required(const json::object& schema, std::string_view name) {
    const auto* required = array_at(schema, "required");
    return required != nullptr &&
           std::any_of(required->begin(), required->end(), [&](const auto& r) {
               return r.is_string() && r.get_string() == name;
           });
}

// Adds what `extra` says to `base`: properties and required names are united, other keywords
// taken where base has none (allOf branches, and the branch anyOf/oneOf picks).
void merge_into(json::object& base, const json::object& extra) {
    for (const auto& [key, value] : extra) {
        if (key == "properties" && value.is_object() && base.contains("properties") &&
            base["properties"].is_object()) {
            auto& properties = base["properties"].get_object();
            for (const auto& [name, property] : value.get_object()) {
                if (!properties.contains(name)) {
                    properties[name] = property;
                }
            }
        } else if (key == "required" && value.is_array() && base.contains("required") &&
                   base["required"].is_array()) {
            auto& required = base["required"].get_array();
            for (const auto& name : value.get_array()) {
                if (std::find(required.begin(), required.end(), name) == required.end()) {
                    required.push_back(name);
                }
            }
        } else if (!base.contains(key)) {
            base[key] = value;
        }
    }
}

// The type the instance gets: the first non-null of "type", else what the other keywords
// describe.
std::string type_of(const json::object& schema) {
    if (const auto* type = schema.if_contains("type")) {
        if (type->is_string()) {
            return std::string{type->get_string()};
        }
        if (const auto* types = type->if_array()) {
            for (const auto& t : *types) {
                if (t.is_string() && t.get_string() != "null") {
                    return std::string{t.get_string()};
                }
            }
            return "null";
        }
    }
    for (const auto* key : {"properties", "required", "additionalProperties", "minProperties"}) {
        if (schema.contains(key)) {
            return "object";
        }
    }
    for (const auto* key : {"items", "prefixItems", "minItems", "maxItems", "uniqueItems"}) {
        if (schema.contains(key)) {
            return "array";
        }
    }
    for (const auto* key : {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}) {
        if (schema.contains(key)) {
            return "number";
        }
    }
    return "string";
}

bool is_of_type(const json::value& value, std::string_view type) {
    if (type == "string") {
        return value.is_string();
    }
    if (type == "integer") {
        return value.is_int64() || value.is_uint64();
    }
    if (type == "number") {
        return value.is_number();
    }
    if (type == "boolean") {
        return value.is_bool();
    }
    if (type == "object") {
        return value.is_object();
    }
    if (type == "array") {
        return value.is_array();
    }
    return value.is_null();
}

// The closed range a number is drawn from: the schema's bounds (exclusive ones moved in by
// `step`, 1 for integers) met with a range that suits the property's name.
struct number_range {
    double lo;
    double hi;
};

number_range range_for(const json::object& schema, std::string_view name, double step) {
    const name_words words{name};
    number_range wanted{1, 100};
    if (words.has({"year"})) {
        wanted = {2018, 2026};
    } else if (words.has({"age"})) {
        wanted = {18, 80};
    } else if (words.has({"rating", "score", "star"})) {
        wanted = {1, 5};
    } else if (words.has({"price", "cost", "amount", "fee", "salary"})) {
        wanted = {5, 500};
    } else if (words.has({"count", "quantity", "total", "number", "num"})) {
        wanted = {1, 50};
    }
    std::optional<double> lo = number_at(schema, "minimum");
    std::optional<double> hi = number_at(schema, "maximum");
    // Draft 4 writes exclusive bounds as booleans beside minimum/maximum, later drafts as numbers.
    if (const auto exclusive = number_at(schema, "exclusiveMinimum")) {
        lo = std::max(lo.value_or(*exclusive + step), *exclusive + step);
    } else if (lo && flag_at(schema, "exclusiveMinimum")) {
        *lo += step;
    }
    if (const auto exclusive = number_at(schema, "exclusiveMaximum")) {
        hi = std::min(hi.value_or(*exclusive - step), *exclusive - step);
    } else if (hi && flag_at(schema, "exclusiveMaximum")) {
        *hi -= step;
    }
    number_range range{std::max(wanted.lo, lo.value_or(wanted.lo)),
                       std::min(wanted.hi, hi.value_or(wanted.hi))};
    if (range.lo > range.hi) {
        // The name's range is outside the bounds: keep the width, move it inside.
        const double width = wanted.hi - wanted.lo;
        range = lo && hi ? number_range{*lo, *hi}
                : lo     ? number_range{*lo, *lo + width}
                         : number_range{*hi - width, *hi};
    }
    range.lo = std::clamp(range.lo, -largest, largest);
    range.hi = std::clamp(range.hi, range.lo, largest);
    return range;
}

// Builds one instance; see instance_of.
class builder {
public:
    builder(const json::value& root, const instance_material& material, rng& gen)
        : root_(root)
        , material_(material)
        , gen_(gen) {}

    json::value build(const json::value& schema, std::string_view name, int depth) {
        if (depth > give_up_depth) {
            return nullptr;
        }
        if (schema.is_bool()) {
            return schema.get_bool() ? json::value(text_for(name)) : json::value{};
        }
        if (!schema.is_object()) {
            return json::value(text_for(name));
        }
        const json::object flat = expanded(schema.get_object());
        if (const auto* constant = flat.if_contains("const")) {
            return *constant;
        }
        const std::string type = type_of(flat);
        if (const auto* choices = array_at(flat, "enum"); choices != nullptr && !choices->empty()) {
            return pick_choice(*choices, flat.contains("type") ? type : std::string{});
        }
        if (type == "object") {
            return object_for(flat, depth);
        }
        if (type == "array") {
            return array_for(flat, name, depth);
        }
        if (type == "integer") {
            return integer_for(flat, name);
        }
        if (type == "number") {
            return number_for(flat, name);
        }
        if (type == "boolean") {
            return gen_.chance(0.5);
        }
        if (type == "null") {
            return nullptr;
        }
        return string_for(flat, name);
    }

private:
    // The schema with its $ref followed and allOf, anyOf and oneOf merged in.
    json::object expanded(json::object schema) const {
        for (int round = 0; round < max_expansions; ++round) {
            if (const auto* ref = schema.if_contains("$ref"); ref != nullptr && ref->is_string()) {
                const std::string_view pointer = ref->get_string();
                std::error_code error;
                const json::value* target = pointer.starts_with("#")
                                                ? root_.find_pointer(pointer.substr(1), error)
                                                : nullptr;
                if (target != nullptr && target->is_object()) {
                    // Drafts up to 7 ignore the keywords beside a $ref.
                    schema = target->get_object();
                } else {
                    schema.erase("$ref");
                }
                continue;
            }
            if (const auto* all = array_at(schema, "allOf")) {
                const json::array branches = *all;
                schema.erase("allOf");
                for (const auto& branch : branches) {
                    if (branch.is_object()) {
                        merge_into(schema, expanded(branch.get_object()));
                    }
                }
                continue;
            }
            const char* choice = schema.contains("anyOf") ? "anyOf" : "oneOf";
            if (const auto* branches = array_at(schema, choice)) {
                const json::value first = branches->empty() ? json::value{} : branches->front();
                schema.erase(choice);
                if (first.is_object()) {
                    merge_into(schema, expanded(first.get_object()));
                }
                continue;
            }
            return schema;
        }
        return {};
    }

    json::value pick_choice(const json::array& choices, const std::string& type) {
        std::vector<const json::value*> fitting;
        for (const auto& choice : choices) {
            if (type.empty() || is_of_type(choice, type)) {
                fitting.push_back(&choice);
            }
        }
        if (fitting.empty()) {
            return choices.front();
        }
        return *fitting[static_cast<std::size_t>(gen_.below(fitting.size()))];
    }

    json::value object_for(const json::object& schema, int depth) {
        json::object out;
        const auto* extra = schema.if_contains("additionalProperties");
        const json::value extra_schema =
            extra != nullptr && extra->is_object() ? *extra : json::value(json::object{});
        if (const auto* properties = object_at(schema, "properties")) {
            for (const auto& [name, property] : *properties) {
                if (depth < full_depth || has_required(schema, name)) {
                    out[name] = build(property, name, depth + 1);
                }
            }
        }
        if (const auto* required = array_at(schema, "required")) {
            for (const auto& name : *required) {
                if (name.is_string() && !out.contains(name.get_string())) {
                    out[name.get_string()] = build(extra_schema, name.get_string(), depth + 1);
                }
            }
        }
        const bool closed = extra != nullptr && extra->is_bool() && !extra->get_bool();
        const auto min_properties = count_at(schema, "minProperties").value_or(0);
        for (std::size_t n = 1; !closed && out.size() < min_properties; ++n) {
            const std::string name = "extra_" + std::to_string(n);
            if (!out.contains(name)) {
                out[name] = build(extra_schema, name, depth + 1);
            }
        }
        if (const auto max_properties = count_at(schema, "maxProperties")) {
            // Drops optional properties from the last one back.
            std::vector<std::string> optional;
            for (const auto& [key, value] : out) {
                if (!has_required(schema, key)) {
                    optional.emplace_back(key);
                }
            }
            while (out.size() > *max_properties && !optional.empty()) {
                out.stable_erase(optional.back());
                optional.pop_back();
            }
        }
        return out;
    }

    // Items are named after the array, so "urls" holds URLs.
    json::value array_for(const json::object& schema, std::string_view name, int depth) {
        json::array out;
        const auto min_items = count_at(schema, "minItems").value_or(0);
        const auto max_items = count_at(schema, "maxItems").value_or(1000);
        const bool unique = flag_at(schema, "uniqueItems");
        // Draft 2020-12 writes a tuple as prefixItems (then items is the rest), earlier drafts
        // as an array under items (then additionalItems is the rest).
        const auto* tuple = array_at(schema, "prefixItems");
        const char* rest_key = tuple != nullptr ? "items" : "additionalItems";
        if (tuple == nullptr) {
            tuple = array_at(schema, "items");
        }
        json::value rest = json::object{};
        if (const auto* r = schema.if_contains(tuple != nullptr ? rest_key : "items");
            r != nullptr && (r->is_object() || r->is_bool())) {
            rest = *r;
        }
        std::size_t wanted = depth < full_depth ? 2 : 0;
        if (tuple != nullptr) {
            wanted = std::max(wanted, tuple->size());
            for (std::size_t i = 0; i < tuple->size() && out.size() < max_items; ++i) {
                out.push_back(build((*tuple)[i], name, depth + 1));
            }
        }
        wanted = std::clamp(wanted, min_items, std::max(min_items, max_items));
        // A few more tries where items must differ; give up early only above minItems.
        for (std::size_t tries = 0; out.size() < wanted && tries < wanted + 16; ++tries) {
            auto item = build(rest, name, depth + 1);
            if (unique && std::find(out.begin(), out.end(), item) != out.end() &&
                tries + 1 < wanted + 16) {
                continue;
            }
            out.push_back(std::move(item));
        }
        return out;
    }

    json::value integer_for(const json::object& schema, std::string_view name) {
        const auto range = range_for(schema, name, 1);
        auto lo = static_cast<std::int64_t>(std::ceil(range.lo));
        auto hi = static_cast<std::int64_t>(std::floor(range.hi));
        const auto step = number_at(schema, "multipleOf");
        // Only whole steps are kept: every integer is a multiple of a fractional one like 0.5
        // only when it happens to be, which this does not search for.
        if (step && *step >= 1 && std::floor(*step) == *step && *step <= largest) {
            const auto m = static_cast<std::int64_t>(*step);
            const std::int64_t first = lo >= 0 ? (lo + m - 1) / m : lo / m;
            const std::int64_t last = hi >= 0 ? hi / m : (hi - m + 1) / m;
            return first <= last ? gen_.between(first, last) * m : first * m;
        }
        return lo <= hi ? gen_.between(lo, hi) : lo;
    }

    json::value number_for(const json::object& schema, std::string_view name) {
        const bool exclusive =
            schema.contains("exclusiveMinimum") || schema.contains("exclusiveMaximum");
        const auto range = range_for(schema, name, exclusive ? 1e-6 : 0);
        if (const auto step = number_at(schema, "multipleOf"); step && *step > 0) {
            // The first steps whose multiple is exact, as validators compute remainders.
            const double first = std::ceil(range.lo / *step);
            for (double k = first; k <= std::floor(range.hi / *step) && k < first + 20; ++k) {
                const double value = k * *step;
                if (std::fabs(std::remainder(value, *step)) <=
                    std::numeric_limits<double>::epsilon()) {
                    return value;
                }
            }
            return first * *step;
        }
        const double value = round_to(gen_.uniform(range.lo, range.hi), 2);
        return value >= range.lo && value <= range.hi ? value : (range.lo + range.hi) / 2;
    }

    json::value string_for(const json::object& schema, std::string_view name) {
        const auto* format = schema.if_contains("format");
        if (format != nullptr && format->is_string()) {
            if (auto formatted = formatted_text(format->get_string())) {
                return json::value(*formatted);
            }
        }
        std::string text = text_for(name);
        if (const auto min_length = count_at(schema, "minLength")) {
            while (support::utf8_length(text) < *min_length) {
                text += " " + word();
            }
        }
        if (const auto max_length = count_at(schema, "maxLength")) {
            text = utf8_prefix(text, *max_length);
        }
        return json::value(text);
    }

    std::optional<std::string> formatted_text(std::string_view format) {
        if (format == "date") {
            return date();
        }
        if (format == "date-time") {
            return date() + "T" + time() + "Z";
        }
        if (format == "time") {
            return time() + "Z";
        }
        if (format == "email" || format == "idn-email") {
            return email();
        }
        if (format.starts_with("uri") || format.starts_with("iri") || format == "url") {
            return url();
        }
        if (format == "hostname" || format == "idn-hostname") {
            return host();
        }
        if (format == "uuid") {
            const auto high = gen_.next();
            return uuid_from(high, gen_.next());
        }
        if (format == "ipv4") {
            return "192.0.2." + std::to_string(gen_.between(1, 254));
        }
        if (format == "ipv6") {
            return "2001:db8::" + std::to_string(gen_.between(1, 9999));
        }
        return std::nullopt;
    }

    // A string that suits the property's name, made of the material's words.
    std::string text_for(std::string_view name) {
        const name_words kind{name};
        if (kind.has({"email", "mail"})) {
            return email();
        }
        if (kind.has({"url", "uri", "link", "website", "href", "homepage", "source"})) {
            return url();
        }
        if (kind.has({"date", "day"})) {
            return date();
        }
        if (kind.ends_with("id")) {
            return slug_of(word()) + "-" + std::to_string(gen_.between(100, 999));
        }
        if (kind.has({"name", "title", "heading", "label"})) {
            return title_case(words(static_cast<std::size_t>(gen_.between(1, 3))));
        }
        if (kind.has({"description",
                      "summary",
                      "text",
                      "content",
                      "answer",
                      "point",
                      "finding",
                      "reason",
                      "explanation"})) {
            std::string sentence = words(static_cast<std::size_t>(gen_.between(4, 7)));
            if (!sentence.empty() && sentence.front() >= 'a' && sentence.front() <= 'z') {
                sentence.front() = static_cast<char>(sentence.front() - 'a' + 'A');
            }
            return sentence + ", according to " + host() + ".";
        }
        return words(static_cast<std::size_t>(gen_.between(1, 3)));
    }

    const std::string& word() {
        return material_.words[static_cast<std::size_t>(gen_.below(material_.words.size()))];
    }

    std::string words(std::size_t count) {
        std::string out;
        for (std::size_t i = 0; i < count; ++i) {
            out += (i == 0 ? "" : " ") + word();
        }
        return out;
    }

    const std::string& url() {
        return material_.urls[static_cast<std::size_t>(gen_.below(material_.urls.size()))];
    }

    std::string host() {
        const auto target = read_target(material_.urls.front());
        return target ? target->host : "example.com";
    }

    std::string email() { return slug_of(word()) + "@" + host(); }

    std::string date() {
        char text[16];
        std::snprintf(text,
                      sizeof text,
                      "%04d-%02d-%02d",
                      static_cast<int>(gen_.between(2019, 2026)),
                      static_cast<int>(gen_.between(1, 12)),
                      static_cast<int>(gen_.between(1, 28)));
        return text;
    }

    std::string time() {
        char text[16];
        std::snprintf(text,
                      sizeof text,
                      "%02d:%02d:%02d",
                      static_cast<int>(gen_.between(0, 23)),
                      static_cast<int>(gen_.between(0, 59)),
                      static_cast<int>(gen_.between(0, 59)));
        return text;
    }

    const json::value& root_;
    const instance_material& material_;
    rng& gen_;
};

} // namespace

json::value instance_of(const json::value& schema, const instance_material& material, rng& gen) {
    return builder{schema, material, gen}.build(schema, "data", 0);
}

json::value schemaless_data(const instance_material& material, rng& gen) {
    static const json::value shape = json::parse(R"({
        "type": "object",
        "properties": {
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "key_points": {"type": "array", "items": {"type": "string"}, "minItems": 3},
            "source_urls": {"type": "array", "items": {"type": "string", "format": "uri"}}
        }
    })");
    return instance_of(shape, material, gen);
}

} // namespace emu::fake::web
