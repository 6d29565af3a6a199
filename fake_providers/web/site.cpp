#include "fake_providers/web/site.hpp"

#include "fake_providers/deterministic.hpp"
#include "fake_providers/web/web_text.hpp"
#include "server/support/text.hpp"

#include <algorithm>
#include <array>
#include <span>

namespace emu::fake::web {

namespace {

// First-level sections of a site, and the topics of the pages below them.
constexpr std::array<std::string_view, 16> sections{"about",
                                                    "blog",
                                                    "docs",
                                                    "pricing",
                                                    "products",
                                                    "customers",
                                                    "careers",
                                                    "contact",
                                                    "changelog",
                                                    "guides",
                                                    "support",
                                                    "news",
                                                    "features",
                                                    "solutions",
                                                    "partners",
                                                    "security"};
constexpr std::array<std::string_view, 20> topics{
    "getting-started", "overview",        "faq",           "release-notes", "team",
    "history",         "tutorials",       "api-reference", "integrations",  "case-studies",
    "roadmap",         "best-practices",  "examples",      "installation",  "configuration",
    "troubleshooting", "migration-guide", "community",     "events",        "press"};
constexpr std::array<std::string_view, 5> taglines{
    "Official Website", "Home", "Tools for modern teams", "Built for builders", "Welcome"};
constexpr std::array<std::string_view, 5> description_endings{"everything you need to know",
                                                              "guides, news and resources",
                                                              "the latest updates from the team",
                                                              "answers to common questions",
                                                              "how it works and where to start"};
constexpr std::array<std::string_view, 8> headings{"Overview",
                                                   "How it works",
                                                   "Key features",
                                                   "Getting started",
                                                   "Why it matters",
                                                   "What's new",
                                                   "Resources",
                                                   "Frequently asked questions"};

// The segments of an encoded path, without empty ones.
std::vector<std::string_view> segments_of(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start < path.size()) {
        const auto end = std::min(path.find('/', start), path.size());
        if (end > start) {
            out.push_back(path.substr(start, end - start));
        }
        start = end + 1;
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// "caf%C3%A9.html" -> "café": the words a path segment names.
std::string segment_words(std::string_view segment) {
    if (const auto dot = segment.rfind('.'); dot != std::string_view::npos && dot > 0) {
        segment = segment.substr(0, dot);
    }
    std::string out;
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] == '%' && i + 2 < segment.size() && hex_value(segment[i + 1]) >= 0 &&
            hex_value(segment[i + 2]) >= 0) {
            out.push_back(
                static_cast<char>(hex_value(segment[i + 1]) * 16 + hex_value(segment[i + 2])));
            i += 2;
        } else {
            out.push_back(segment[i]);
        }
    }
    return out;
}

// The label that names a site: "example" in "docs.example.com" and in "www.example.co.uk".
std::string site_label(std::string_view host) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= host.size()) {
        const auto end = std::min(host.find('.', start), host.size());
        parts.push_back(host.substr(start, end - start));
        start = end + 1;
    }
    static constexpr std::array<std::string_view, 7> second_levels{
        "co", "com", "org", "net", "ac", "gov", "edu"};
    std::size_t index = parts.size() >= 2 ? parts.size() - 2 : 0;
    if (index > 0 && parts.back().size() == 2 &&
        std::find(second_levels.begin(), second_levels.end(), parts[index]) !=
            second_levels.end()) {
        --index;
    }
    return std::string{parts[index]};
}

std::string parent_of(std::string_view path) {
    const auto slash = path.rfind('/');
    return std::string{slash == std::string_view::npos ? std::string_view{}
                                                       : path.substr(0, slash)};
}

// Sentence `which` of six about the topic; the first three name the host.
std::string paragraph(std::uint64_t which,
                      const std::string& name,
                      std::string_view host,
                      const std::string& topic) {
    const std::string on{host};
    switch (which) {
    case 0:
        return name + " publishes this page at " + on + " to cover " + topic + ".";
    case 1:
        return "Readers of " + on + " come here for " + topic +
               "; the notes below are updated regularly.";
    case 2:
        return "On " + on + ", " + name + " explains " + topic + " with examples from the team.";
    case 3:
        return "This part of " + name + " walks through " + topic + " step by step.";
    case 4:
        return name + " keeps " + topic + " simple: start small, measure, and iterate.";
    default:
        return "Questions about " + topic + " can be sent to the " + name +
               " team from the contact page.";
    }
}

} // namespace

site::site(const target_url& any_page, std::uint64_t seed)
    : home_(any_page)
    , name_(title_case(site_label(any_page.host)))
    , seed_(mix(seed, fnv1a(any_page.origin()))) {
    home_.path.clear();
}

std::string site::url_of(std::string_view path) const {
    target_url at = home_;
    at.path = path;
    return at.href();
}

std::string site::title_of(std::string_view path) const {
    const auto segments = segments_of(path);
    if (segments.empty()) {
        rng gen{mix(seed_, fnv1a("tagline"))};
        return name_ + " - " + std::string{gen.pick<std::string_view>(taglines)};
    }
    return title_case(segment_words(segments.back())) + " | " + name_;
}

std::vector<std::string> site::child_paths(std::string_view path) const {
    const auto segments = segments_of(path);
    const std::size_t depth = segments.size();
    rng gen{mix(mix(seed_, fnv1a(path)), fnv1a("children"))};
    // Fewer pages deeper down, none below the fifth level.
    const std::int64_t count = depth == 0   ? gen.between(4, 6)
                               : depth == 1 ? gen.between(2, 4)
                               : depth <= 4 ? gen.between(1, 3)
                                            : 0;
    const std::span<const std::string_view> pool = depth == 0
                                                       ? std::span<const std::string_view>{sections}
                                                       : std::span<const std::string_view>{topics};
    std::vector<std::string> out;
    std::vector<std::string_view> used{segments.begin(), segments.end()};
    while (static_cast<std::int64_t>(out.size()) < count) {
        const auto slug = gen.pick(pool);
        if (std::find(used.begin(), used.end(), slug) != used.end()) {
            continue;
        }
        used.push_back(slug);
        out.push_back(std::string{path} + "/" + std::string{slug});
    }
    return out;
}

site_page site::page(std::string_view path) const {
    rng gen{mix(seed_, fnv1a(path))};
    const auto segments = segments_of(path);
    // "getting started", the words prose uses for the page's subject.
    const std::string topic =
        support::lower(title_case(segments.empty() ? name_ : segment_words(segments.back())));
    site_page page;
    page.url = url_of(path);
    page.title = title_of(path);
    page.description = (segments.empty() ? name_ : title_case(topic)) + " on " + home_.host + ": " +
                       std::string{gen.pick<std::string_view>(description_endings)} + ".";
    std::vector<std::string_view> unused{headings.begin(), headings.end()};
    const auto count = gen.between(2, 3);
    // The first section names the host; the others take different sentences of the rest.
    const auto first = gen.below(3);
    const auto rest = gen.below(3);
    for (std::int64_t i = 0; i < count; ++i) {
        const auto at = static_cast<std::ptrdiff_t>(gen.below(unused.size()));
        const auto which = i == 0 ? first : 3 + (rest + static_cast<std::uint64_t>(i)) % 3;
        page.sections.push_back({std::string{unused[static_cast<std::size_t>(at)]},
                                 paragraph(which, name_, home_.authority, topic)});
        unused.erase(unused.begin() + at);
    }
    for (const auto& child : child_paths(path)) {
        page.links.push_back({url_of(child), title_of(child)});
    }
    if (!segments.empty()) {
        const auto parent = parent_of(path);
        page.links.push_back({url_of(parent), title_of(parent)});
        if (!parent.empty()) {
            page.links.push_back({url_of(""), title_of("")});
        }
    }
    std::string image = slug_of(path);
    page.image_url = home_.origin() + "/images/" + (image.empty() ? "home" : image) + ".png";
    page.favicon = home_.origin() + "/favicon.ico";
    return page;
}

fetch_outcome fetch_pages(std::span<const std::string> urls, std::uint64_t seed) {
    fetch_outcome out;
    for (const auto& url : urls) {
        if (auto reason = unreachable_reason(url)) {
            out.failures.push_back({url, std::move(*reason)});
            continue;
        }
        // A URL without a reason to fail is one read_target reads.
        const auto target = read_target(url).value_or(target_url{});
        out.pages.push_back({url, site{target, seed}.page(target.path)});
    }
    return out;
}

std::string markdown_of(const site_page& page) {
    std::string out = "# " + page.title + "\n\n" + page.description + "\n";
    for (const auto& section : page.sections) {
        out += "\n## " + section.heading + "\n\n" + section.text + "\n";
    }
    if (!page.links.empty()) {
        out += "\n## Links\n\n";
        for (const auto& link : page.links) {
            out += "- [" + link.title + "](" + link.url + ")\n";
        }
    }
    return out;
}

std::string plain_text_of(const site_page& page) {
    std::string out = page.title + "\n\n" + page.description;
    for (const auto& section : page.sections) {
        out += "\n\n" + section.heading + "\n" + section.text;
    }
    return out;
}

} // namespace emu::fake::web
