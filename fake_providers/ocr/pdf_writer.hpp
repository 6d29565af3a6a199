#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace emu::fake::ocr {

// Writes a small, valid PDF 1.4: US Letter pages with Helvetica text and filled black boxes.
// Coordinates are in points from the page's top-left corner (y grows downwards), converted to
// PDF's bottom-left origin on output.
class pdf_writer {
public:
    // Starts a new page; text and boxes go on the last page started.
    void begin_page();

    // Writes ASCII text with its baseline at (x, baseline); other bytes print as '?'.
    void text(double x, double baseline, double size, std::string_view text);

    // Fills a black rectangle whose top-left corner is (x, top).
    void box(double x, double top, double width, double height);

    std::size_t page_count() const { return pages_.size(); }

    // The whole file: header, objects, cross-reference table with exact offsets, trailer.
    std::string finish() const;

private:
    std::vector<std::string> pages_; // one content stream per page
};

} // namespace emu::fake::ocr
