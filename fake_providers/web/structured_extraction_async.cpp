#include "fake_providers/deterministic.hpp"
#include "fake_providers/web/site.hpp"
#include "fake_providers/web/target_url.hpp"
#include "fake_providers/web/web_common.hpp"
#include "fake_providers/web/web_features.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <string>
#include <vector>

namespace emu::fake::web {

namespace {

// Firecrawl Extract: data drawn from the prompt and the pages of the URLs it can fetch (an
// instance of the schema when there is one), those pages as sources, a failed result for each
// URL it cannot fetch; billed in tokens, 15 to a credit.
generated_result firecrawl_extract(const generation_request& request) {
    const auto urls = url_list(request.params, "urls");
    const auto fetched = fetch_pages(urls, request.seed);
    const std::string_view prompt = request.params.get_or("prompt", "");
    std::vector<std::string> titles;
    std::vector<std::string> read_urls;
    boost::json::array sources;
    std::size_t read_bytes = prompt.size() + request.params.get_or("schema", "").size();
    for (const auto& [url, page] : fetched.pages) {
        titles.push_back(page.title);
        read_urls.push_back(url);
        sources.push_back(eden_source(page.title,
                                      url,
                                      boost::json::string{page.description},
                                      boost::json::string{page.favicon}));
        read_bytes += markdown_of(page).size();
    }
    auto data = structured_data(request, material_of(prompt, titles, std::move(read_urls)));
    // About four bytes a token, read and written.
    const auto tokens =
        static_cast<std::int64_t>((read_bytes + boost::json::serialize(data).size()) / 4);
    generated_result result;
    result.fields["data"] = data;
    result.fields["sources"] = std::move(sources);
    result.fields["status"] = "completed";
    result.fields["failed_results"] = eden_failed_results(fetched.failures);
    auto usage = eden_usage((tokens + 14) / 15, fetched.pages.size());
    usage["tokens"] = tokens;
    result.fields["usage"] = std::move(usage);
    if (request.original_response) {
        result.original_response =
            boost::json::object{{"success", true},
                                {"id", derived_uuid(request, "firecrawl-extract")},
                                {"status", "completed"},
                                {"data", std::move(data)},
                                {"tokensUsed", tokens}};
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"firecrawl", firecrawl_extract},
};

} // namespace

generator_family structured_extraction_family() {
    return {.feature = "web/structured_extraction_async",
            .specific = own_generators,
            .generic = firecrawl_extract};
}

} // namespace emu::fake::web
