#pragma once

#include "fake_providers/deterministic.hpp"
#include "fake_providers/generation.hpp"

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Shared by the ocr generators: the fake document every provider of a job "reads".
namespace emu::fake::ocr {

// A generator whose draws depend on the seed, feature and job but not on the provider, so that
// every provider of one job sees the same document (same pages, same text).
rng document_rng(const generation_request& request, std::string_view salt);

// Pages of the input: the probed PDF page count when known, 1 for an uploaded non-PDF (an image),
// otherwise (file_url, unknown or missing file) a seeded 1 to 3.
std::uint32_t page_count(const generation_request& request);

// Lower-case words of the input file's stem ("Q3_sales-report.pdf" -> q3, sales, report).
std::vector<std::string> file_stem_words(const input_file* file);

// "sales report" -> "Sales Report"; falls back to "Document" when there are no words.
std::string title_case(const std::vector<std::string>& words);

// One line of words read off a page.
struct text_line {
    std::vector<std::string> words;

    std::string text() const;
};

// The lines of one page, top to bottom.
struct text_page {
    std::vector<text_line> lines;
};

// The document's text: the first line of page 1 is a title from the file name, then seeded
// sentences; 5-15 lines a page, fewer when the document is long (at most max_total_lines overall,
// never fewer than one line a page).
std::vector<text_page>
document_text(const generation_request& request, std::uint32_t pages, std::size_t max_total_lines);

// A seeded sentence of min_words to max_words words, capitalised, ending with a period.
std::vector<std::string> sentence(rng& random, int min_words, int max_words);

// A person's "First Last" name, an email address built from it and a phone number.
struct person {
    std::string first;
    std::string last;
    std::string email;
    std::string phone;
};

person random_person(rng& random);

// Words from the shared seeded vocabularies.
std::string_view random_city(rng& random);
std::string_view random_company(rng& random);

// Counts and indices go into JSON as signed integers, like every integer in Eden's samples
// (Boost.JSON would otherwise keep unsigned values as uint64).
inline std::int64_t json_int(std::uint64_t value) {
    return static_cast<std::int64_t>(value);
}

// {"left", "top", "width", "height"} rounded to the given number of digits.
boost::json::object box_json(double left, double top, double width, double height, int digits);

// US Letter page size in PDF points; OCR boxes are normalized by it.
inline constexpr double page_width_pt = 612.0;
inline constexpr double page_height_pt = 792.0;

// Advance width in points of text set in Helvetica at size_pt (non-ASCII bytes count as "n"),
// so OCR word boxes and the PDF writer agree on where words end.
double helvetica_width(std::string_view text, double size_pt);

} // namespace emu::fake::ocr
