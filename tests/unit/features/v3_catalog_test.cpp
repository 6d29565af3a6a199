#include "server/features/v3_catalog.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <stdexcept>
#include <string>

using namespace emu::features;

namespace {

// The message a catalog of one file with `text` throws, or "" when it loads.
std::string load_error(std::string_view text) {
    const std::array files{v3_catalog::file{"test.json", text}};
    try {
        const v3_catalog catalog{files};
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    return {};
}

constexpr std::string_view good = R"({
  "name": "ocr", "fullname": "ocr", "description": null,
  "subfeatures": [
    {"name": "ocr_async", "fullname": "OCR Async", "description": "d", "mode": "async",
     "input_schema": {"fields": [
        {"name": "file", "type": "file_input", "required": true, "description": ""},
        {"name": "pages", "type": "int", "required": false, "description": "", "minimum": 1},
        {"name": "tags", "type": "array", "required": false, "description": "",
         "items": {"type": "string"}}]},
     "output_schema": {"fields": [{"name": "raw_text", "type": "string", "required": true,
                                   "description": ""}]},
     "models": [
        {"model": "ocr/ocr_async/amazon",
         "pricing": {"price": 1.5, "price_unit_quantity": 1000, "price_unit_type": "page"}},
        {"model": "ocr/ocr_async/mistral/ocr-2:latest/x",
         "pricing": {"price": 1, "price_unit_quantity": 1000, "price_unit_type": "page"}}]},
    {"name": "ocr", "fullname": "OCR", "description": null, "mode": "sync",
     "input_schema": {"fields": []}, "output_schema": {"fields": []},
     "models": [{"model": "ocr/ocr/amazon",
                 "pricing": {"price": 1, "price_unit_quantity": 1, "price_unit_type": "request"}}]}
  ]})";

} // namespace

BOOST_AUTO_TEST_SUITE(v3_catalog_files)

BOOST_AUTO_TEST_CASE(a_file_gives_subfeatures_models_and_async_specs) {
    const std::array files{v3_catalog::file{"ocr.json", good}};
    const v3_catalog catalog{files};
    const auto* sub = catalog.find("ocr", "ocr_async");
    BOOST_TEST_REQUIRE(sub != nullptr);
    BOOST_TEST(sub->path == "ocr/ocr_async");
    BOOST_TEST(sub->providers.size() == 2u);
    BOOST_TEST(sub->models[1].provider == "mistral");
    BOOST_TEST(sub->models[1].model == "ocr-2:latest/x"); // a model may hold '/' and ':'
    BOOST_TEST((sub->models[0].unit == price_unit::page));
    BOOST_TEST(sub->find_model("amazon", "") == &sub->models[0]);
    BOOST_TEST(sub->find_model("amazon", "other") == nullptr);
    BOOST_TEST(sub->find_model("mistral", "") == &sub->models[1]); // no default row: the first
    BOOST_TEST((sub->input[0].type == field_type::file));
    BOOST_TEST(*sub->input[1].minimum == 1.0);
    BOOST_TEST((*sub->input[2].item_type == field_type::string));
    BOOST_TEST_REQUIRE(catalog.async_specs().size() == 1u); // the sync one runs no jobs
    const auto& spec = catalog.async_specs()[0];
    BOOST_TEST(spec.path == "ocr/ocr_async");
    BOOST_TEST((spec.api == api_version::v3));
    BOOST_TEST((spec.input == input_need::required));
    BOOST_TEST(&catalog.subfeature_of(spec) == sub);
    BOOST_TEST(&catalog.spec_of(*sub) == &spec);
    BOOST_TEST(catalog.find("ocr", "ocr")->async == false);
}

BOOST_AUTO_TEST_CASE(each_mistake_is_named_with_its_file_and_place) {
    const std::string text{good};
    const auto with = [&](std::string_view from, std::string_view to) {
        auto changed = text;
        changed.replace(changed.find(from), from.size(), to);
        return load_error(changed);
    };
    BOOST_TEST(load_error(text).empty());
    BOOST_TEST(load_error("{").starts_with("v3 catalog test.json: (file): not JSON"));
    BOOST_TEST(with(R"("type": "int")", R"("type": "integer")") ==
               "v3 catalog test.json: subfeatures[0].fields[1].type: unknown type \"integer\" "
               "(expected \"string\", \"int\", \"float\", \"bool\", \"enum\", \"array\", "
               "\"object\", \"dict\", \"any\" or \"file_input\", or several joined by \"|\")");
    BOOST_TEST(with("\"ocr/ocr_async/amazon\"", "\"ocr/other/amazon\"") ==
               "v3 catalog test.json: subfeatures[0].models[0].model: \"ocr/other/amazon\" does "
               "not start with \"ocr/ocr_async/\"");
    BOOST_TEST(with(R"("price_unit_type": "page"})", R"("price_unit_type": "token"})")
                   .find("price_unit_type of \"second\", \"page\"") != std::string::npos);
    BOOST_TEST(with(R"("mode": "sync")", R"("mode": "later")") ==
               "v3 catalog test.json: subfeatures[1].mode: expected \"async\" or \"sync\"");
    const std::string row = R"({"model": "ocr/ocr/amazon",
                 "pricing": {"price": 1, "price_unit_quantity": 1, "price_unit_type": "request"}})";
    BOOST_TEST(with(row, row + ", " + row) ==
               "v3 catalog test.json: subfeatures[1].models: \"ocr/ocr/amazon\" is listed twice");
    BOOST_TEST(with(R"("required": true, "description": ""},)", R"("description": ""},)")
                   .find("missing \"required\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_shipped_catalog_loads_and_serves_every_provider_it_lists) {
    const auto& shipped = v3_catalog::shipped();
    BOOST_TEST(!shipped.async_specs().empty());
    for (const auto& spec : shipped.async_specs()) {
        BOOST_TEST(!spec.providers.empty(), spec.path);
        BOOST_TEST(spec.path.ends_with("_async"), spec.path);
    }
}

BOOST_AUTO_TEST_SUITE_END()
