#pragma once

#include "fake_providers/web/target_url.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace emu::fake::web {

// A link of a page, with the title of the page it leads to.
struct page_link {
    std::string url;
    std::string title;
};

// One part of a page's text: a heading and its paragraph.
struct page_section {
    std::string heading;
    std::string text;
};

// A page of a made-up site, before a provider renders it.
struct site_page {
    std::string url; // absolute, without query and fragment
    std::string title;
    std::string description; // the page's meta description
    std::vector<page_section> sections;
    std::vector<page_link> links; // pages below this one first, then its parent and the home page
    std::string image_url;        // the page's og:image, 1200x630
    std::string favicon;
};

// The size of every page's og:image.
inline constexpr int page_image_width = 1200;
inline constexpr int page_image_height = 630;

// A made-up web site, the same for every job and provider that visits it: a page at every path,
// its title, text and links drawn from the host, the path and the emulator's seed. Pages near
// the home page link to a few pages below them, so a crawl finds a tree.
class site {
public:
    site(const target_url& any_page, std::uint64_t seed);

    // "Example", from "docs.example.com"
    const std::string& name() const { return name_; }

    // The page at an encoded path ("" or "/blog/launch").
    site_page page(std::string_view path) const;

    // The paths the page at `path` links to below itself.
    std::vector<std::string> child_paths(std::string_view path) const;

    std::string url_of(std::string_view path) const;

private:
    std::string title_of(std::string_view path) const;

    target_url home_;
    std::string name_;
    std::uint64_t seed_;
};

// A page fetched for a URL the client gave.
struct fetched_page {
    std::string url; // as given
    site_page page;
};

// A URL the client gave that could not be fetched, and why (see unreachable_reason).
struct failed_fetch {
    std::string url;
    std::string error;
};

// The pages of the URLs that can be fetched, and the failures of the others, in the order
// given.
struct fetch_outcome {
    std::vector<fetched_page> pages;
    std::vector<failed_fetch> failures;
};

fetch_outcome fetch_pages(std::span<const std::string> urls, std::uint64_t seed);

// The page as Markdown: a title, sections and its links, as Firecrawl returns pages.
std::string markdown_of(const site_page& page);

// The page as plain text, paragraphs separated by blank lines, as Tavily returns raw_content.
std::string plain_text_of(const site_page& page);

} // namespace emu::fake::web
