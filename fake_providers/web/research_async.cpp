#include "fake_providers/deterministic.hpp"
#include "fake_providers/web/cited_pages.hpp"
#include "fake_providers/web/web_common.hpp"
#include "fake_providers/web/web_features.hpp"
#include "fake_providers/web/web_text.hpp"
#include "server/support/text.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace emu::fake::web {

namespace {

// How deep research goes, 1 to 3, read from reasoning_depth: words for little ("low", "fast",
// "mini", "standard", ...) or much ("high", "deep", "pro", ...), or a number; 2 otherwise.
int depth_level(std::string_view text) {
    const std::string word = support::lower(support::trim(text));
    int number = 0;
    if (std::from_chars(word.data(), word.data() + word.size(), number).ec == std::errc{}) {
        return std::clamp(number, 1, 3);
    }
    for (const auto* little : {"low", "fast", "mini", "standard", "shallow", "quick", "minimal"}) {
        if (word == little) {
            return 1;
        }
    }
    for (const auto* much : {"high", "deep", "pro", "thorough", "max", "maximum", "extensive"}) {
        if (word == much) {
            return 3;
        }
    }
    return 2;
}

// What a research job found: the prompt's subject, the pages read, the data drawn from them.
struct findings {
    std::string question;             // the prompt, trimmed, without its final punctuation
    std::string title;                // the prompt's first keywords, title-cased
    std::vector<std::string> leading; // those first keywords
    std::vector<std::string> keywords;
    int level = 2;
    std::vector<cited_page> pages;
    boost::json::value data;
};

// Researches the prompt, reading pages_per_level[level - 1] pages.
findings research(const generation_request& request, std::array<std::size_t, 3> pages_per_level) {
    findings out;
    const std::string_view prompt = support::trim(request.params.get_or("prompt", ""));
    out.question = std::string{prompt};
    while (!out.question.empty() && (out.question.back() == '.' || out.question.back() == '?' ||
                                     out.question.back() == '!')) {
        out.question.pop_back();
    }
    out.keywords = keywords_of(prompt);
    if (out.keywords.empty()) {
        out.keywords.push_back("research");
    }
    out.leading.assign(out.keywords.begin(),
                       out.keywords.begin() + static_cast<std::ptrdiff_t>(
                                                  std::min<std::size_t>(3, out.keywords.size())));
    std::string joined;
    for (const auto& word : out.leading) {
        joined += (joined.empty() ? "" : " ") + word;
    }
    out.title = title_case(joined);
    out.level = depth_level(request.params.get_or("reasoning_depth", ""));
    out.pages = pages_about(out.keywords,
                            pages_per_level[static_cast<std::size_t>(out.level - 1)],
                            input_rng(request, prompt, "research-pages"));
    std::vector<std::string> urls;
    for (const auto& page : out.pages) {
        urls.push_back(page.url);
    }
    // Only the prompt's words: the cited pages' titles are mostly their sites' names.
    out.data = structured_data(request, material_of(prompt, {}, std::move(urls)));
    return out;
}

generated_result research_result(const findings& found,
                                 std::string answer,
                                 boost::json::array sources,
                                 boost::json::value request_id,
                                 std::int64_t credits) {
    generated_result result;
    result.fields["answer"] = std::move(answer);
    result.fields["data"] = found.data;
    result.fields["sources"] = std::move(sources);
    result.fields["status"] = "completed";
    result.fields["request_id"] = std::move(request_id);
    // The job's creation time is not among a generator's inputs.
    result.fields["created_at"] = nullptr;
    result.fields["usage"] = eden_usage(credits, found.pages.size());
    return result;
}

std::string host_of(const cited_page& page) {
    const auto start = page.url.find("://") + 3;
    return page.url.substr(start, page.url.find('/', start) - start);
}

// Firecrawl Deep Research: a Markdown report (its finalAnalysis) over searches as deep as asked;
// a credit per URL analysed.
generated_result firecrawl_research(const generation_request& request) {
    const auto found = research(request, {4, 6, 9});
    std::string answer = "# " + found.title + "\n\n## Summary\n\nThis report answers \"" +
                         found.question + "\" from " + std::to_string(found.pages.size()) +
                         " sources found over " + std::to_string(found.level) +
                         (found.level == 1 ? " round" : " rounds") +
                         " of search.\n\n## Key findings\n\n";
    boost::json::array sources;
    boost::json::array native_sources;
    for (const auto& page : found.pages) {
        answer += "- **" + title_case(page.keyword) + "**: " + page.title + " (" + host_of(page) +
                  ") covers " + page.keyword + ".\n";
        sources.push_back(eden_source(page.title,
                                      page.url,
                                      boost::json::string{page.snippet},
                                      boost::json::string{page.favicon}));
        native_sources.push_back({{"url", page.url},
                                  {"title", page.title},
                                  {"description", page.snippet},
                                  {"favicon", page.favicon}});
    }
    answer += "\n## Conclusion\n\nThe sources agree on the essentials of " +
              support::spoken_list(found.leading) + "; " + found.pages.front().title +
              " gives the broadest overview.\n";
    const auto id = derived_uuid(request, "firecrawl-research");
    const auto credits = static_cast<std::int64_t>(found.pages.size());
    auto result =
        research_result(found, answer, std::move(sources), boost::json::string{id}, credits);
    if (request.original_response) {
        boost::json::array activities;
        for (int depth = 1; depth <= found.level; ++depth) {
            const auto& word =
                found.keywords[static_cast<std::size_t>(depth - 1) % found.keywords.size()];
            activities.push_back({{"type", "search"},
                                  {"status", "complete"},
                                  {"message", "Searching for " + word},
                                  {"depth", depth}});
        }
        activities.push_back(
            {{"type", "analyze"},
             {"status", "complete"},
             {"message", "Analyzed " + std::to_string(found.pages.size()) + " sources"},
             {"depth", found.level}});
        activities.push_back({{"type", "synthesis"},
                              {"status", "complete"},
                              {"message", "Research complete"},
                              {"depth", found.level}});
        boost::json::object data{{"finalAnalysis", answer},
                                 {"sources", std::move(native_sources)},
                                 {"activities", std::move(activities)}};
        if (request.params.get("schema")) {
            data["json"] = found.data;
        }
        result.original_response = boost::json::object{{"success", true},
                                                       {"id", id},
                                                       {"status", "completed"},
                                                       {"data", std::move(data)},
                                                       {"currentDepth", found.level},
                                                       {"maxDepth", found.level},
                                                       {"totalUrls", found.pages.size()},
                                                       {"creditsUsed", credits}};
    }
    return result;
}

// Linkup: a short sourced answer (or the structured object when a schema is given), each source
// with a name and a snippet; a standard search costs a credit, a deep one ten.
generated_result linkup_research(const generation_request& request) {
    const auto found = research(request, {3, 4, 6});
    std::string answer = found.title + ": " + std::to_string(found.pages.size()) +
                         " sources answer \"" + found.question + "\".";
    boost::json::array sources;
    boost::json::array native_sources;
    for (std::size_t i = 0; i < found.pages.size(); ++i) {
        const auto& page = found.pages[i];
        if (i < 2) {
            answer += " " + page.title + " describes " + page.keyword + ".";
        }
        sources.push_back(
            eden_source(page.title, page.url, boost::json::string{page.snippet}, nullptr));
        native_sources.push_back(
            {{"name", page.title}, {"url", page.url}, {"snippet", page.snippet}});
    }
    answer += " In short, " + support::spoken_list(found.leading) + " are the points to retain.";
    const std::int64_t credits = found.level == 3 ? 10 : 1;
    auto result = research_result(found, answer, std::move(sources), nullptr, credits);
    if (request.original_response) {
        result.original_response =
            request.params.get("schema")
                ? boost::json::object{{"data", found.data}, {"sources", std::move(native_sources)}}
                : boost::json::object{{"answer", answer}, {"sources", std::move(native_sources)}};
    }
    return result;
}

// Tavily Research: a report citing its sources by number ([1], [2], ...); the mini model for
// shallow research, pro for deep, billed in credits per source read.
generated_result tavily_research(const generation_request& request) {
    const auto found = research(request, {4, 6, 8});
    std::string answer = "# " + found.title + "\n\n" + found.question + ": findings from " +
                         std::to_string(found.pages.size()) + " sources.\n\n## Findings\n\n";
    std::string references = "\n## Sources\n\n";
    boost::json::array sources;
    boost::json::array native_sources;
    for (std::size_t i = 0; i < found.pages.size(); ++i) {
        const auto& page = found.pages[i];
        const std::string mark = "[" + std::to_string(i + 1) + "]";
        answer += title_case(page.keyword) + " is covered by " + page.title + " " + mark + ". ";
        references += mark + " " + page.title + " (" + page.url + ")\n";
        sources.push_back(
            eden_source(page.title, page.url, nullptr, boost::json::string{page.favicon}));
        native_sources.push_back(
            {{"title", page.title}, {"url", page.url}, {"favicon", page.favicon}});
    }
    answer.pop_back();
    answer += "\n" + references;
    const auto count = static_cast<std::int64_t>(found.pages.size());
    const std::int64_t credits = found.level == 3 ? 15 + 5 * count : 4 + 2 * count;
    const auto id = derived_uuid(request, "tavily-research");
    auto result =
        research_result(found, answer, std::move(sources), boost::json::string{id}, credits);
    if (request.original_response) {
        auto gen = input_rng(request, found.question, "tavily-response-time");
        result.original_response = boost::json::object{
            {"request_id", id},
            {"status", "completed"},
            {"content", request.params.get("schema") ? found.data : boost::json::value(answer)},
            {"sources", std::move(native_sources)},
            {"response_time", round_to(gen.uniform(20.0, 120.0), 2)}};
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"firecrawl", firecrawl_research},
    provider_generator{"linkup", linkup_research},
    provider_generator{"tavily", tavily_research},
};

} // namespace

generator_family research_family() {
    return {
        .feature = "web/research_async", .specific = own_generators, .generic = firecrawl_research};
}

} // namespace emu::fake::web
