#include "fake_providers/web/schema_instance.hpp"
#include "fake_providers/web/web_text.hpp"
#include "tests/unit/shared/json_schema_validator.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace json = boost::json;
using emu::fake::rng;
using emu::fake::web::instance_material;
using emu::fake::web::instance_of;

// Schemas clients send: hand-written ones, Pydantic's (with $defs and anyOf/null), and the
// keywords the synthesizer claims to understand, one or a few at a time.
const std::vector<std::pair<std::string, std::string>>& sample_schemas() {
    static const std::vector<std::pair<std::string, std::string>> schemas{
        {"flat product",
         R"({"type":"object","properties":{"product_name":{"type":"string"},
             "price":{"type":"number"},"in_stock":{"type":"boolean"},"sku":{"type":"string"}},
             "required":["product_name","price"]})"},
        {"nested objects and arrays of objects",
         R"({"type":"object","properties":{"company":{"type":"object","properties":{
             "name":{"type":"string"},"website":{"type":"string","format":"uri"},
             "founded_year":{"type":"integer"}},"required":["name"]},
             "employees":{"type":"array","items":{"type":"object","properties":{
             "full_name":{"type":"string"},"email":{"type":"string","format":"email"},
             "title":{"type":"string"}},"required":["full_name","email"]},"minItems":3,"maxItems":5}},
             "required":["company","employees"],"additionalProperties":false})"},
        {"enum, const and formats",
         R"({"type":"object","properties":{"status":{"enum":["open","closed","pending"]},
             "kind":{"const":"article"},"published":{"type":"string","format":"date"},
             "updated":{"type":"string","format":"date-time"},"opens":{"type":"string","format":"time"},
             "id":{"type":"string","format":"uuid"},"host":{"type":"string","format":"hostname"},
             "ip":{"type":"string","format":"ipv4"},"level":{"type":"integer","enum":[1,2,3]}},
             "required":["status","kind","published","updated","opens","id","level"]})"},
        {"string lengths",
         R"({"type":"object","properties":{"code":{"type":"string","minLength":2,"maxLength":4},
             "headline":{"type":"string","minLength":60},"tag":{"type":"string","maxLength":1}},
             "required":["code","headline","tag"]})"},
        {"numeric bounds",
         R"({"type":"object","properties":{
             "rating":{"type":"integer","minimum":1,"maximum":5},
             "year":{"type":"integer","exclusiveMinimum":2020,"exclusiveMaximum":2023},
             "percent":{"type":"number","minimum":0,"maximum":1},
             "temperature":{"type":"number","minimum":-40,"exclusiveMaximum":-39},
             "big":{"type":"integer","minimum":1000000},
             "negative":{"type":"integer","maximum":-500},
             "step":{"type":"integer","multipleOf":7,"minimum":10,"maximum":30},
             "quarter":{"type":"number","multipleOf":0.25,"minimum":1.1},
             "tenth":{"type":"number","multipleOf":0.1,"minimum":50}},
             "required":["rating","year","percent","temperature","big","negative","step","quarter","tenth"]})"},
        {"unique arrays",
         R"({"type":"object","properties":{
             "colors":{"type":"array","items":{"enum":["red","green","blue"]},"minItems":3,"uniqueItems":true},
             "flags":{"type":"array","items":{"type":"boolean"},"minItems":2,"maxItems":2,"uniqueItems":true},
             "keywords":{"type":"array","items":{"type":"string"},"minItems":4,"uniqueItems":true},
             "none":{"type":"array","maxItems":0}},
             "required":["colors","flags","keywords","none"]})"},
        {"anyOf, oneOf, allOf",
         R"({"type":"object","properties":{
             "contact":{"anyOf":[{"type":"string","format":"email"},{"type":"null"}]},
             "amount":{"oneOf":[{"type":"string","maxLength":3},{"type":"integer"}]},
             "person":{"allOf":[{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]},
                                {"properties":{"age":{"type":"integer","minimum":18}},"required":["age"]}]}},
             "required":["contact","amount","person"]})"},
        {"Pydantic model with $defs and optional fields",
         R"({"$defs":{"Address":{"properties":{"street":{"title":"Street","type":"string"},
             "city":{"title":"City","type":"string"},"zip":{"anyOf":[{"type":"string"},{"type":"null"}],
             "default":null,"title":"Zip"}},"required":["street","city"],"title":"Address","type":"object"}},
             "properties":{"name":{"title":"Name","type":"string"},
             "address":{"$ref":"#/$defs/Address"},
             "previous":{"items":{"$ref":"#/$defs/Address"},"title":"Previous","type":"array"},
             "nickname":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null}},
             "required":["name","address"],"title":"Person","type":"object"})"},
        {"draft-7 definitions",
         R"({"definitions":{"link":{"type":"object","properties":{"href":{"type":"string"},
             "label":{"type":"string"}},"required":["href","label"]}},
             "type":"object","properties":{"links":{"type":"array","items":{"$ref":"#/definitions/link"},"minItems":1}},
             "required":["links"]})"},
        {"recursive tree that requires children",
         R"({"$defs":{"node":{"type":"object","properties":{"name":{"type":"string"},
             "children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["name","children"]}},
             "$ref":"#/$defs/node"})"},
        {"types without type, type lists, tuples, property counts",
         R"({"properties":{"anything":{},"maybe":{"type":["null","integer"]},
             "only_null":{"type":"null"},"point":{"type":"array","items":[{"type":"number"},{"type":"number"}],
             "additionalItems":false},"bag":{"type":"object","minProperties":3},
             "small":{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"},
             "c":{"type":"string"}},"required":["c"],"maxProperties":1},"yes":true},
             "required":["anything","maybe","only_null","point","bag","small","yes"]})"},
        {"top-level array",
         R"({"type":"array","items":{"type":"string","format":"uri"},"minItems":2})"},
        {"top-level string", R"({"type":"string","maxLength":12})"},
    };
    return schemas;
}

instance_material material() {
    return {.words = emu::fake::web::keywords_of(
                "Extract the product names, prices and availability of the espresso machines"),
            .urls = {"https://shop.example.com/espresso", "https://shop.example.com/grinders"}};
}

const std::string& schema_named(std::string_view name) {
    for (const auto& [schema_name, text] : sample_schemas()) {
        if (schema_name == name) {
            return text;
        }
    }
    BOOST_FAIL("no sample schema " << name);
    return sample_schemas().front().second;
}

json::value instance(const std::string& schema_text, std::uint64_t seed) {
    const auto schema = json::parse(schema_text);
    rng gen{seed};
    return instance_of(schema, material(), gen);
}

// Every string inside a value, keys excluded.
void strings_in(const json::value& value, std::vector<std::string>& out) {
    if (const auto* text = value.if_string()) {
        out.emplace_back(text->c_str(), text->size());
    } else if (const auto* array = value.if_array()) {
        for (const auto& item : *array) {
            strings_in(item, out);
        }
    } else if (const auto* object = value.if_object()) {
        for (const auto& [key, item] : *object) {
            strings_in(item, out);
        }
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(web_schema_instance)

BOOST_AUTO_TEST_CASE(every_sample_schema_gets_instances_that_validate_against_it) {
    for (const auto& [name, text] : sample_schemas()) {
        for (const std::uint64_t seed : {1U, 2U, 42U, 1234567U}) {
            const auto value = instance(text, seed);
            const auto violations =
                emu::testing::json_schema_validator{json::parse(text)}.violations(value);
            BOOST_TEST(violations.empty(),
                       name << " (seed " << seed << "): " << json::serialize(value) << "\n"
                            << emu::testing::lines_of(violations));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_check_catches_an_instance_that_breaks_the_schema) {
    const auto& text = sample_schemas().front().second;
    auto value = instance(text, 42);
    BOOST_TEST_REQUIRE(
        emu::testing::json_schema_validator{json::parse(text)}.violations(value).empty());
    value.as_object()["price"] = "cheap";
    value.as_object().erase("product_name");
    BOOST_TEST(emu::testing::json_schema_validator{json::parse(text)}.violations(value).size() >=
               2U);
}

BOOST_AUTO_TEST_CASE(instances_are_the_same_for_the_same_seed_and_vary_with_it) {
    for (const auto& [name, text] : sample_schemas()) {
        BOOST_TEST(json::serialize(instance(text, 7)) == json::serialize(instance(text, 7)), name);
    }
    const auto& flat = sample_schemas().front().second;
    std::vector<std::string> seen;
    for (const std::uint64_t seed : {1U, 2U, 3U, 4U, 5U}) {
        seen.push_back(json::serialize(instance(flat, seed)));
    }
    std::sort(seen.begin(), seen.end());
    const auto distinct = std::unique(seen.begin(), seen.end()) - seen.begin();
    BOOST_TEST(distinct > 1);
}

BOOST_AUTO_TEST_CASE(plain_strings_are_made_of_the_material_words) {
    const auto value = instance(
        R"({"type":"object","properties":{"product_name":{"type":"string"},"notes":{"type":"string"},
            "tags":{"type":"array","items":{"type":"string"}}},"required":["product_name","notes","tags"]})",
        42);
    std::vector<std::string> strings;
    strings_in(value, strings);
    BOOST_TEST_REQUIRE(strings.size() >= 4U);
    const auto words = material().words;
    for (const auto& text : strings) {
        for (const auto& word : emu::fake::web::keywords_of(text)) {
            BOOST_TEST((std::find(words.begin(), words.end(), word) != words.end()),
                       word << " in " << text);
        }
    }
}

BOOST_AUTO_TEST_CASE(urls_emails_and_dates_follow_property_names_and_formats) {
    const auto value = instance(
        R"({"type":"object","properties":{"source_url":{"type":"string"},
            "contact_email":{"type":"string"},"release_date":{"type":"string"},
            "homepage":{"type":"string","format":"uri"}},
            "required":["source_url","contact_email","release_date","homepage"]})",
        42);
    const auto& data = value.as_object();
    const auto urls = material().urls;
    BOOST_TEST(
        (std::find(urls.begin(), urls.end(), data.at("source_url").as_string()) != urls.end()));
    BOOST_TEST(
        (std::find(urls.begin(), urls.end(), data.at("homepage").as_string()) != urls.end()));
    BOOST_TEST(
        std::string_view{data.at("contact_email").as_string()}.ends_with("@shop.example.com"));
    const std::string_view date = data.at("release_date").as_string();
    BOOST_TEST(date.size() == 10U);
    BOOST_TEST(date[4] == '-');
}

BOOST_AUTO_TEST_CASE(a_recursive_schema_ends_at_the_depth_limit) {
    const auto value = instance(schema_named("recursive tree that requires children"), 42);
    int depth = 0;
    const json::value* node = &value;
    while (node->is_object() && !node->as_object().at("children").as_array().empty()) {
        node = &node->as_object().at("children").as_array().front();
        ++depth;
    }
    BOOST_TEST(depth >= 2);
    BOOST_TEST(depth <= 8);
}

BOOST_AUTO_TEST_SUITE_END()
