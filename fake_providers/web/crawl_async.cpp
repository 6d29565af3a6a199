#include "fake_providers/deterministic.hpp"
#include "fake_providers/web/provider_pages.hpp"
#include "fake_providers/web/site.hpp"
#include "fake_providers/web/target_url.hpp"
#include "fake_providers/web/web_common.hpp"
#include "fake_providers/web/web_features.hpp"
#include "server/support/text.hpp"

#include <boost/json/array.hpp>

#include <array>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace emu::fake::web {

namespace {

// What a crawl found: the pages of the site at and below the start URL.
struct crawl {
    std::string base_url;         // the URL as the client gave it
    std::vector<site_page> pages; // empty when the start URL cannot be fetched
};

// Crawls breadth first from the start URL through the links to pages below it, down to
// `max_depth` levels under the start page and at most `limit` pages.
crawl crawl_from(const generation_request& request, std::size_t max_depth, std::size_t limit) {
    crawl out;
    out.base_url = support::trim(request.params.get_or("url", ""));
    const auto start = read_target(out.base_url);
    if (unreachable_reason(out.base_url) || !start) {
        return out;
    }
    const site web_site{*start, request.seed};
    std::deque<std::pair<std::string, std::size_t>> queue{{start->path, 0}};
    std::set<std::string> seen{start->path};
    while (!queue.empty() && out.pages.size() < limit) {
        const auto [path, depth] = queue.front();
        queue.pop_front();
        out.pages.push_back(web_site.page(path));
        if (depth == max_depth) {
            continue;
        }
        for (auto& child : web_site.child_paths(path)) {
            if (seen.insert(child).second) {
                queue.emplace_back(std::move(child), depth + 1);
            }
        }
    }
    return out;
}

// Eden's crawl fields around the pages as a provider renders them.
generated_result
crawl_result(const crawl& found, boost::json::array pages, boost::json::object usage) {
    generated_result result;
    result.fields["pages"] = std::move(pages);
    result.fields["status"] = found.pages.empty() ? "failed" : "completed";
    result.fields["total"] = found.pages.size();
    result.fields["completed"] = found.pages.size();
    result.fields["base_url"] = found.base_url;
    result.fields["usage"] = std::move(usage);
    return result;
}

// Firecrawl: Markdown and metadata for every page, down the whole site up to a page limit; a
// credit a page.
generated_result firecrawl_crawl(const generation_request& request) {
    // Firecrawl follows links to any depth; Eden's crawl stops at a page limit (assumed: 20).
    const auto found = crawl_from(request, 10, 20);
    boost::json::array pages;
    boost::json::array documents;
    for (const auto& page : found.pages) {
        pages.push_back(firecrawl_page(page, page.url));
        documents.push_back(firecrawl_document(
            page, page.url, derived_uuid(request, "firecrawl-scrape " + page.url)));
    }
    const auto credits = static_cast<std::int64_t>(found.pages.size());
    auto result = crawl_result(found, std::move(pages), eden_usage(credits, found.pages.size()));
    if (request.original_response) {
        result.original_response =
            boost::json::object{{"success", true},
                                {"status", found.pages.empty() ? "failed" : "completed"},
                                {"total", found.pages.size()},
                                {"completed", found.pages.size()},
                                {"creditsUsed", credits},
                                {"next", nullptr},
                                {"data", std::move(documents)}};
    }
    return result;
}

// Tavily: plain-text raw_content and favicons, no titles or links; Tavily's default depth of
// one level below the start page; a credit per 10 pages mapped and per 5 pages extracted.
generated_result tavily_crawl(const generation_request& request) {
    const auto found = crawl_from(request, 1, 50);
    boost::json::array pages;
    boost::json::array results;
    for (const auto& page : found.pages) {
        pages.push_back(tavily_page(page));
        results.push_back(tavily_result(page));
    }
    const auto count = static_cast<std::int64_t>(found.pages.size());
    const std::int64_t credits = (count + 9) / 10 + (count + 4) / 5;
    auto result = crawl_result(found, std::move(pages), eden_usage(credits, found.pages.size()));
    if (request.original_response) {
        auto gen = input_rng(request, found.base_url, "tavily-response-time");
        result.original_response =
            boost::json::object{{"base_url", found.base_url},
                                {"results", std::move(results)},
                                {"response_time", round_to(gen.uniform(1.5, 12.0), 2)},
                                {"usage", {{"credits", credits}}},
                                {"request_id", derived_uuid(request, "tavily-request")}};
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"firecrawl", firecrawl_crawl},
    provider_generator{"tavily", tavily_crawl},
};

} // namespace

generator_family crawl_family() {
    return {.feature = "web/crawl_async", .specific = own_generators, .generic = firecrawl_crawl};
}

} // namespace emu::fake::web
