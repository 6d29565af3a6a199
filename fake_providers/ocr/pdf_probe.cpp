#include "fake_providers/ocr/pdf_probe.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace emu::fake {

namespace {

// The header may follow up to 1 KB of junk (ISO 32000-1, annex H.3, note 13).
constexpr std::size_t header_window = 1024;

// Counts above this are treated as garbage rather than a page count.
constexpr std::uint32_t max_pages = 1'000'000;

bool is_pdf_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\0';
}

bool is_delimiter(char c) {
    return is_pdf_space(c) || c == '/' || c == '<' || c == '>' || c == '[' || c == ']' ||
           c == '(' || c == ')' || c == '{' || c == '}' || c == '%';
}

// Scans a PDF's bytes once, object by object, for the page tree: the /Count of /Type /Pages
// nodes (the root has the largest), the number of /Type /Page leaves, and the /N page count of a
// linearization dictionary. Every read is bounds-checked, so truncated input is fine.
class page_scanner {
public:
    explicit page_scanner(std::string_view bytes)
        : bytes_(bytes) {}

    std::optional<std::uint32_t> pages() {
        for (std::size_t at = 0; at < bytes_.size();) {
            at = step(at);
        }
        commit();
        if (root_count_ > 0) {
            return root_count_;
        }
        if (leaves_ > 0) {
            return leaves_;
        }
        if (linearized_pages_ > 0) {
            return linearized_pages_;
        }
        return std::nullopt;
    }

private:
    // Looks at bytes_[at] and returns where to look next (always past at).
    std::size_t step(std::size_t at) {
        const char c = bytes_[at];
        if (c == '/') {
            return name(at);
        }
        if (c == 'o' && keyword_at(at, "obj") &&
            (at == 0 || is_pdf_space(bytes_[at - 1]) || bytes_[at - 1] == 'd')) {
            // Both "N G obj" and "endobj" close whatever object was open.
            commit();
            return at + 3;
        }
        return at + 1;
    }

    // Handles the name starting at bytes_[at] == '/'.
    std::size_t name(std::size_t at) {
        if (keyword_at(at, "/Type")) {
            const auto value = skip_space(at + 5);
            if (starts_at(value, "/Page")) {
                const auto after = value + 5;
                if (after < bytes_.size() && bytes_[after] == 's' && ends_name(after + 1)) {
                    is_pages_ = true;
                    return after + 1;
                }
                if (ends_name(after)) {
                    is_page_ = true;
                }
                return after;
            }
            return at + 5;
        }
        if (keyword_at(at, "/Count")) {
            count_ = number(at + 6);
            return at + 6;
        }
        if (keyword_at(at, "/Linearized")) {
            is_linearized_ = true;
            return at + 11;
        }
        if (keyword_at(at, "/N")) {
            linearized_n_ = number(at + 2);
            return at + 2;
        }
        return at + 1;
    }

    void commit() {
        if (is_pages_ && count_) {
            root_count_ = std::max(root_count_, *count_);
        }
        if (is_page_ && leaves_ < max_pages) {
            ++leaves_;
        }
        if (is_linearized_ && linearized_n_) {
            linearized_pages_ = *linearized_n_;
        }
        is_pages_ = false;
        is_page_ = false;
        is_linearized_ = false;
        count_.reset();
        linearized_n_.reset();
    }

    bool starts_at(std::size_t at, std::string_view word) const {
        return at <= bytes_.size() && bytes_.size() - at >= word.size() &&
               bytes_.compare(at, word.size(), word) == 0;
    }

    // True when the name or keyword ending just before `at` is complete (end of data included).
    bool ends_name(std::size_t at) const { return at >= bytes_.size() || is_delimiter(bytes_[at]); }

    bool keyword_at(std::size_t at, std::string_view word) const {
        return starts_at(at, word) && ends_name(at + word.size());
    }

    std::size_t skip_space(std::size_t at) const {
        while (at < bytes_.size() && is_pdf_space(bytes_[at])) {
            ++at;
        }
        return at;
    }

    // An unsigned decimal after optional spaces; nothing when absent, zero or implausibly large.
    std::optional<std::uint32_t> number(std::size_t at) const {
        at = skip_space(at);
        std::uint64_t value = 0;
        std::size_t digits = 0;
        while (at < bytes_.size() && bytes_[at] >= '0' && bytes_[at] <= '9') {
            value = value * 10 + static_cast<std::uint64_t>(bytes_[at] - '0');
            if (++digits > 9) {
                return std::nullopt;
            }
            ++at;
        }
        if (digits == 0 || value == 0 || value > max_pages) {
            return std::nullopt;
        }
        return static_cast<std::uint32_t>(value);
    }

    std::string_view bytes_;
    bool is_pages_ = false;
    bool is_page_ = false;
    bool is_linearized_ = false;
    std::optional<std::uint32_t> count_;
    std::optional<std::uint32_t> linearized_n_;
    std::uint32_t root_count_ = 0;
    std::uint32_t leaves_ = 0;
    std::uint32_t linearized_pages_ = 0;
};

} // namespace

void probe_pdf(std::string_view bytes, input_file& file) {
    const auto header = bytes.substr(0, header_window + 5).find("%PDF-");
    if (header == std::string_view::npos) {
        return;
    }
    if (const auto pages = page_scanner{bytes.substr(header)}.pages()) {
        file.page_count = *pages;
    }
}

} // namespace emu::fake
