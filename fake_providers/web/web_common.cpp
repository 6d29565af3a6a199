#include "fake_providers/web/web_common.hpp"

#include "fake_providers/web/web_text.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <system_error>

namespace emu::fake::web {

rng input_rng(const generation_request& request, std::string_view input, std::string_view salt) {
    return rng{mix(mix(mix(request.seed, fnv1a(request.feature)), fnv1a(input)), fnv1a(salt))};
}

instance_material material_of(std::string_view prompt,
                              std::span<const std::string> titles,
                              std::vector<std::string> urls) {
    instance_material material;
    material.words = keywords_of(prompt);
    for (const auto& title : titles) {
        for (auto& word : keywords_of(title)) {
            if (std::find(material.words.begin(), material.words.end(), word) ==
                material.words.end()) {
                material.words.push_back(std::move(word));
            }
        }
    }
    if (material.words.empty()) {
        material.words.push_back("information");
    }
    material.urls = std::move(urls);
    if (material.urls.empty()) {
        material.urls.push_back("https://example.com/");
    }
    return material;
}

boost::json::value structured_data(const generation_request& request,
                                   const instance_material& material) {
    std::string input{request.params.get_or("prompt", "")};
    for (const auto& url : material.urls) {
        input += "\n" + url;
    }
    const auto schema_text = request.params.get("schema");
    std::error_code error;
    const auto schema =
        schema_text ? boost::json::parse(*schema_text, error) : boost::json::value{};
    if (schema_text) {
        input += "\n" + std::string{*schema_text};
    }
    auto gen = input_rng(request, input, request.provider);
    if (!error && (schema.is_object() || schema.is_bool())) {
        return instance_of(schema, material, gen);
    }
    return schemaless_data(material, gen);
}

boost::json::object eden_usage(std::int64_t credits, std::size_t pages) {
    return {{"credits", credits}, {"pages", pages}};
}

boost::json::array eden_failed_results(std::span<const failed_fetch> failures) {
    boost::json::array out;
    for (const auto& failure : failures) {
        out.push_back({{"url", failure.url}, {"error", failure.error}});
    }
    return out;
}

boost::json::object eden_source(std::string_view title,
                                std::string_view url,
                                const boost::json::value& snippet,
                                const boost::json::value& favicon) {
    return {{"title", title},
            {"url", url},
            {"snippet", snippet},
            {"favicon", favicon},
            {"published_date", nullptr},
            {"author", nullptr},
            {"id", nullptr}};
}

} // namespace emu::fake::web
