#pragma once

#include "fake_providers/deterministic.hpp"

#include <span>
#include <string>
#include <vector>

namespace emu::fake::web {

// A page a research agent read and cites.
struct cited_page {
    std::string title;
    std::string url;
    std::string snippet;
    std::string favicon;
    std::string keyword; // the prompt's word the page is about
};

// `count` different pages about the keywords on well-known sites (an encyclopedia, a forum,
// code hosting, ...), the keywords taken in turn; the first pages are the same whatever the
// count, so deeper research cites more of the same list.
std::vector<cited_page>
pages_about(std::span<const std::string> keywords, std::size_t count, rng gen);

} // namespace emu::fake::web
