#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace emu::fake::ocr {

// One question of custom document parsing and the pages it should be looked for on.
struct document_query {
    std::string query;
    std::string pages; // as sent, e.g. "1-3" or "2,4"; empty for every page
};

// Reads the `queries` launch parameter. Eden documents a list of {"query", "pages"} objects
// (its own example uses Python-style single quotes); a JSON list of strings, newline-separated
// lines or a comma-separated string are accepted too. Empty items are dropped.
std::vector<document_query> parse_queries(std::string_view text);

// The pages of 1..page_count named by a pages text like "1-3,5"; every page when it names none.
std::vector<std::uint32_t> page_choices(std::string_view pages, std::uint32_t page_count);

} // namespace emu::fake::ocr
