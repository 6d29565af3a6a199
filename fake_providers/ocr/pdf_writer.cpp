#include "fake_providers/ocr/pdf_writer.hpp"

#include "fake_providers/ocr/ocr_document.hpp"

#include <cstdio>

namespace emu::fake::ocr {

namespace {

// A number with two decimals, as PDF operators take it.
std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

// A PDF literal string: parentheses and backslashes escaped, non-ASCII replaced.
std::string literal(std::string_view text) {
    std::string out = "(";
    for (char c : text) {
        const auto code = static_cast<unsigned char>(c);
        if (c == '(' || c == ')' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (code < 32 || code > 126) {
            out.push_back('?');
        } else {
            out.push_back(c);
        }
    }
    out.push_back(')');
    return out;
}

} // namespace

void pdf_writer::begin_page() {
    pages_.emplace_back();
}

void pdf_writer::text(double x, double baseline, double size, std::string_view text) {
    if (pages_.empty()) {
        begin_page();
    }
    pages_.back() += "BT /F1 " + number(size) + " Tf " + number(x) + " " +
                     number(page_height_pt - baseline) + " Td " + literal(text) + " Tj ET\n";
}

void pdf_writer::box(double x, double top, double width, double height) {
    if (pages_.empty()) {
        begin_page();
    }
    pages_.back() += "0 g " + number(x) + " " + number(page_height_pt - top - height) + " " +
                     number(width) + " " + number(height) + " re f\n";
}

std::string pdf_writer::finish() const {
    // Objects: 1 catalog, 2 page tree, 3 font, 4 info, then a page and its content per page.
    std::vector<std::string> objects;
    std::string kids;
    for (std::size_t i = 0; i < pages_.size(); ++i) {
        kids += (i == 0 ? "" : " ") + std::to_string(5 + 2 * i) + " 0 R";
    }
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " +
                      std::to_string(pages_.size()) + " >>");
    objects.push_back(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    objects.push_back("<< /Producer (edenmock) >>");
    for (std::size_t i = 0; i < pages_.size(); ++i) {
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << "
                          "/Font << /F1 3 0 R >> >> /Contents " +
                          std::to_string(6 + 2 * i) + " 0 R >>");
        objects.push_back("<< /Length " + std::to_string(pages_[i].size()) + " >>\nstream\n" +
                          pages_[i] + "\nendstream");
    }
    // The second header line is a binary comment so transfer tools treat the file as binary.
    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const auto xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (auto offset : offsets) {
        char entry[32];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
        out += entry;
    }
    out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R /Info 4 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

} // namespace emu::fake::ocr
