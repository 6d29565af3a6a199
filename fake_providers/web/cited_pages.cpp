#include "fake_providers/web/cited_pages.hpp"

#include "fake_providers/web/web_text.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace emu::fake::web {

namespace {

// Where a page about a keyword lives: its URL and title around the keyword ("{K}" title-cased,
// "{k}" as a URL segment, "{w}" as written).
struct page_pattern {
    std::string_view origin;
    std::string_view path;
    std::string_view title;
};

constexpr std::array<page_pattern, 8> patterns{{
    {"https://en.wikipedia.org", "/wiki/{K}", "{K} - Wikipedia"},
    {"https://www.britannica.com", "/topic/{k}", "{K} | Britannica"},
    {"https://www.nature.com", "/subjects/{k}", "{K} - Latest research and news | Nature"},
    {"https://github.com", "/topics/{k}", "{w} · GitHub Topics"},
    {"https://medium.com", "/tag/{k}", "The most insightful stories about {K} - Medium"},
    {"https://www.reddit.com", "/r/{k}/", "r/{w} - Reddit"},
    {"https://stackoverflow.com",
     "/questions/tagged/{k}",
     "Newest '{w}' Questions - Stack Overflow"},
    {"https://www.theguardian.com", "/{k}", "{K} | The Guardian"},
}};

std::string filled(std::string_view pattern, const std::string& word) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}') {
            const char which = pattern[i + 1];
            out += which == 'K' ? title_case(word) : which == 'k' ? slug_of(word) : word;
            i += 2;
        } else {
            out.push_back(pattern[i]);
        }
    }
    return out;
}

} // namespace

std::vector<cited_page>
pages_about(std::span<const std::string> keywords, std::size_t count, rng gen) {
    std::vector<cited_page> out;
    // Every (keyword, site) pair once: at most keywords x sites pages.
    count = std::min(count, keywords.size() * patterns.size());
    for (std::size_t i = 0; !keywords.empty() && out.size() < count; ++i) {
        const auto& word = keywords[i % keywords.size()];
        const auto& pattern = patterns[static_cast<std::size_t>(gen.below(patterns.size()))];
        const std::string url = std::string{pattern.origin} + filled(pattern.path, word);
        if (std::any_of(
                out.begin(), out.end(), [&](const cited_page& p) { return p.url == url; })) {
            continue;
        }
        const std::string& other = keywords[(i + 1) % keywords.size()];
        out.push_back({.title = filled(pattern.title, word),
                       .url = url,
                       .snippet = title_case(word) + ": an overview of " + word +
                                  (other == word ? std::string{} : " and its links to " + other) +
                                  ", with references and further reading.",
                       .favicon = std::string{pattern.origin} + "/favicon.ico",
                       .keyword = word});
    }
    return out;
}

} // namespace emu::fake::web
