#include "fake_providers/deterministic.hpp"
#include "fake_providers/web/provider_pages.hpp"
#include "fake_providers/web/site.hpp"
#include "fake_providers/web/target_url.hpp"
#include "fake_providers/web/web_common.hpp"
#include "fake_providers/web/web_features.hpp"

#include <boost/json/array.hpp>

#include <array>
#include <string>

namespace emu::fake::web {

namespace {

// Firecrawl: a page (Markdown and metadata) for every URL it can fetch, in the order given, and
// a failed result for each it cannot; a credit a page.
generated_result firecrawl_batch_scrape(const generation_request& request) {
    const auto urls = url_list(request.params, "urls");
    const auto fetched = fetch_pages(urls, request.seed);
    boost::json::array pages;
    boost::json::array documents;
    for (const auto& [url, page] : fetched.pages) {
        pages.push_back(firecrawl_page(page, url));
        documents.push_back(
            firecrawl_document(page, url, derived_uuid(request, "firecrawl-scrape " + url)));
    }
    boost::json::array errors;
    for (const auto& failure : fetched.failures) {
        errors.push_back({{"id", derived_uuid(request, "firecrawl-error " + failure.url)},
                          {"url", failure.url},
                          {"error", failure.error}});
    }
    generated_result result;
    const auto scraped = fetched.pages.size();
    result.fields["pages"] = std::move(pages);
    result.fields["failed_results"] = eden_failed_results(fetched.failures);
    result.fields["usage"] = eden_usage(static_cast<std::int64_t>(scraped), scraped);
    if (request.original_response) {
        result.original_response = boost::json::object{
            {"success", true},
            {"status", "completed"},
            {"total", urls.size()},
            {"completed", scraped},
            {"creditsUsed", scraped},
            {"next", nullptr},
            {"data", std::move(documents)},
            {"errors", {{"errors", std::move(errors)}, {"robotsBlocked", boost::json::array{}}}}};
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"firecrawl", firecrawl_batch_scrape},
};

} // namespace

generator_family batch_scrape_family() {
    return {.feature = "web/batch_scrape_async",
            .specific = own_generators,
            .generic = firecrawl_batch_scrape};
}

} // namespace emu::fake::web
