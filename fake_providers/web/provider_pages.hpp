#pragma once

#include "fake_providers/web/site.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

// A scraped page as each provider returns it, and as Eden standardizes it (pages[] items).
namespace emu::fake::web {

// Eden's pages[] item for a page Firecrawl scraped: Markdown content, the page's metadata, its
// links and og:image. `url` is the URL as the client gave it, or the crawled page's.
boost::json::object firecrawl_page(const site_page& page, std::string_view url);

// Firecrawl's own document for the page: markdown, links and metadata (with the scrape's id).
boost::json::object
firecrawl_document(const site_page& page, std::string_view url, const std::string& scrape_id);

// Eden's pages[] item for a page Tavily extracted: plain-text content and the favicon, without
// title, metadata or links.
boost::json::object tavily_page(const site_page& page);

// Tavily's own result for the page: url, raw_content, images and favicon.
boost::json::object tavily_result(const site_page& page);

} // namespace emu::fake::web
