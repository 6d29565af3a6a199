#include "fake_providers/web/provider_pages.hpp"

#include <boost/json/array.hpp>

namespace emu::fake::web {

namespace {

// The fields of Eden's pages[] item, in Eden's order, from what a provider reported.
struct page_fields {
    std::string_view url;
    std::string content;
    boost::json::value title;
    boost::json::value description;
    boost::json::value status_code;
    boost::json::value links;
    boost::json::array images;
    boost::json::value favicon;
};

boost::json::object eden_page(page_fields fields) {
    return {{"url", fields.url},
            {"content", std::move(fields.content)},
            {"title", std::move(fields.title)},
            {"description", std::move(fields.description)},
            {"status_code", std::move(fields.status_code)},
            {"links", std::move(fields.links)},
            {"images", std::move(fields.images)},
            {"raw_html", nullptr},
            {"summary", nullptr},
            {"published_date", nullptr},
            {"author", nullptr},
            {"favicon", std::move(fields.favicon)}};
}

boost::json::array link_urls(const site_page& page) {
    boost::json::array out;
    for (const auto& link : page.links) {
        out.push_back(boost::json::string{link.url});
    }
    return out;
}

} // namespace

boost::json::object firecrawl_page(const site_page& page, std::string_view url) {
    boost::json::array images;
    images.push_back({{"url", page.image_url},
                      {"description", page.title},
                      {"width", page_image_width},
                      {"height", page_image_height}});
    return eden_page({.url = url,
                      .content = markdown_of(page),
                      .title = boost::json::string{page.title},
                      .description = boost::json::string{page.description},
                      .status_code = 200,
                      .links = link_urls(page),
                      .images = std::move(images),
                      .favicon = boost::json::string{page.favicon}});
}

boost::json::object
firecrawl_document(const site_page& page, std::string_view url, const std::string& scrape_id) {
    return {{"markdown", markdown_of(page)},
            {"links", link_urls(page)},
            {"metadata",
             {{"title", page.title},
              {"description", page.description},
              {"language", "en"},
              {"ogTitle", page.title},
              {"ogDescription", page.description},
              {"ogImage", page.image_url},
              {"favicon", page.favicon},
              {"sourceURL", url},
              {"url", page.url},
              {"statusCode", 200},
              {"contentType", "text/html; charset=utf-8"},
              {"scrapeId", scrape_id},
              {"proxyUsed", "basic"},
              {"creditsUsed", 1}}}};
}

boost::json::object tavily_page(const site_page& page) {
    return eden_page({.url = page.url,
                      .content = plain_text_of(page),
                      .title = nullptr,
                      .description = nullptr,
                      .status_code = nullptr,
                      .links = nullptr,
                      .images = {},
                      .favicon = boost::json::string{page.favicon}});
}

boost::json::object tavily_result(const site_page& page) {
    return {{"url", page.url},
            {"raw_content", plain_text_of(page)},
            {"images", boost::json::array{}},
            {"favicon", page.favicon}};
}

} // namespace emu::fake::web
