#include "fake_providers/ocr/ocr_document.hpp"

#include "fake_providers/deterministic.hpp"

#include <algorithm>
#include <array>
#include <span>

namespace emu::fake::ocr {

namespace {

constexpr std::array<std::string_view, 8> determiners{
    "the", "each", "this", "our", "every", "one", "the", "that"};

constexpr std::array<std::string_view, 24> adjectives{
    "annual",   "quarterly", "revised", "final",    "regional",  "total",   "current",  "previous",
    "internal", "external",  "monthly", "detailed", "approved",  "pending", "standard", "new",
    "general",  "technical", "local",   "primary",  "secondary", "public",  "digital",  "updated"};

constexpr std::array<std::string_view, 32> nouns{
    "report",   "invoice",   "contract", "budget",    "schedule", "review",  "account",
    "customer", "supplier",  "payment",  "agreement", "delivery", "project", "department",
    "policy",   "statement", "summary",  "analysis",  "proposal", "order",   "record",
    "service",  "product",   "team",     "committee", "office",   "period",  "balance",
    "section",  "table",     "figure",   "appendix"};

constexpr std::array<std::string_view, 20> verbs{
    "includes", "describes", "confirms", "requires", "covers",  "lists",   "updates",
    "replaces", "outlines",  "supports", "reflects", "defines", "shows",   "presents",
    "follows",  "extends",   "details",  "approves", "reports", "compares"};

constexpr std::array<std::string_view, 10> prepositions{
    "of", "for", "with", "under", "from", "within", "across", "after", "before", "by"};

constexpr std::array<std::string_view, 24> first_names{
    "Maria",  "James",  "Aisha",  "Liam",   "Sofia", "Noah",   "Chen",  "Emma",
    "Lucas",  "Fatima", "Oliver", "Yuki",   "Elena", "Mateo",  "Priya", "Hugo",
    "Amelia", "Omar",   "Clara",  "Daniel", "Ines",  "Samuel", "Leila", "Victor"};

constexpr std::array<std::string_view, 24> last_names{
    "Lopez",  "Smith",  "Khan",   "Murphy", "Rossi",  "Martin", "Wang",   "Schmidt",
    "Silva",  "Haddad", "Brown",  "Tanaka", "Petrov", "Garcia", "Sharma", "Dubois",
    "Wilson", "Nasser", "Moreau", "Novak",  "Costa",  "Meyer",  "Rahimi", "Laurent"};

constexpr std::array<std::string_view, 16> cities{"Lisbon",
                                                  "Denver",
                                                  "Lyon",
                                                  "Osaka",
                                                  "Porto",
                                                  "Austin",
                                                  "Leeds",
                                                  "Munich",
                                                  "Turin",
                                                  "Quebec",
                                                  "Malaga",
                                                  "Dublin",
                                                  "Valencia",
                                                  "Ghent",
                                                  "Bergen",
                                                  "Seville"};

constexpr std::array<std::string_view, 12> companies{"Northwind",
                                                     "Contoso",
                                                     "Globex",
                                                     "Initech",
                                                     "Umbrella",
                                                     "Acme",
                                                     "Vandelay",
                                                     "Stark",
                                                     "Wayne",
                                                     "Hooli",
                                                     "Tyrell",
                                                     "Soylent"};

constexpr std::array<std::string_view, 6> mail_domains{
    "example.com", "example.org", "mail.example.net", "corp.example", "example.co.uk", "test.io"};

// Helvetica advance widths (1/1000 em) for ASCII 32..126, from the standard AFM metrics.
constexpr std::array<std::uint16_t, 95> helvetica_widths{
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333,  278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,  611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278,  556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,  500, 334, 260, 334, 584};

template <std::size_t N>
std::string_view pick_from(rng& random, const std::array<std::string_view, N>& items) {
    return random.pick(std::span<const std::string_view>{items});
}

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char to_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

rng document_rng(const generation_request& request, std::string_view salt) {
    generation_request document = request;
    document.provider = "";
    return rng::for_result(document, salt);
}

std::uint32_t page_count(const generation_request& request) {
    const input_file* file = request.file;
    if (file != nullptr && file->page_count && *file->page_count > 0) {
        return *file->page_count;
    }
    if (file != nullptr && !file->from_url && file->size > 0) {
        const auto& type = file->content_type;
        const bool pdf_like =
            type.find("pdf") != std::string::npos ||
            (file->name.size() >= 4 &&
             std::equal(file->name.end() - 4, file->name.end(), ".pdf", [](char a, char b) {
                 return to_lower(a) == b;
             }));
        if (!pdf_like) {
            return 1; // an uploaded image is a single page
        }
    }
    auto random = document_rng(request, "page_count");
    return static_cast<std::uint32_t>(random.between(1, 3));
}

std::vector<std::string> file_stem_words(const input_file* file) {
    std::vector<std::string> words;
    if (file == nullptr) {
        return words;
    }
    std::string_view stem = file->name;
    if (const auto dot = stem.rfind('.'); dot != std::string_view::npos && dot > 0) {
        stem = stem.substr(0, dot);
    }
    std::string current;
    for (char c : stem) {
        if (is_word_char(c)) {
            current.push_back(to_lower(c));
        } else if (!current.empty()) {
            words.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) {
        words.push_back(std::move(current));
    }
    // A long hashed name ("3f2a9c...") reads badly as a title; keep a few words only.
    if (words.size() > 6) {
        words.resize(6);
    }
    return words;
}

std::string title_case(const std::vector<std::string>& words) {
    if (words.empty()) {
        return "Document";
    }
    std::string out;
    for (const auto& word : words) {
        if (!out.empty()) {
            out.push_back(' ');
        }
        out += word;
        if (out[out.size() - word.size()] >= 'a' && out[out.size() - word.size()] <= 'z') {
            out[out.size() - word.size()] =
                static_cast<char>(out[out.size() - word.size()] - 'a' + 'A');
        }
    }
    return out;
}

std::string text_line::text() const {
    std::string out;
    for (const auto& word : words) {
        if (!out.empty()) {
            out.push_back(' ');
        }
        out += word;
    }
    return out;
}

std::vector<std::string> sentence(rng& random, int min_words, int max_words) {
    // A fixed part-of-speech pattern keeps the fake prose roughly grammatical; sentences stop
    // after a noun, so only some lengths are possible.
    static constexpr std::array<int, 13> pattern{0, 1, 2, 3, 0, 2, 4, 0, 1, 2, 4, 0, 2};
    static constexpr std::array<int, 4> lengths{3, 6, 10, 13};
    std::vector<int> fitting;
    for (int candidate : lengths) {
        if (candidate >= min_words && candidate <= max_words) {
            fitting.push_back(candidate);
        }
    }
    const auto length = static_cast<std::size_t>(
        fitting.empty() ? std::clamp(max_words, 1, 13)
                        : fitting[static_cast<std::size_t>(random.below(fitting.size()))]);
    std::vector<std::string> words;
    words.reserve(length);
    for (std::size_t i = 0; i < length; ++i) {
        switch (pattern[i % pattern.size()]) {
        case 0:
            words.emplace_back(pick_from(random, determiners));
            break;
        case 1:
            words.emplace_back(pick_from(random, adjectives));
            break;
        case 2:
            words.emplace_back(pick_from(random, nouns));
            break;
        case 3:
            words.emplace_back(pick_from(random, verbs));
            break;
        default:
            words.emplace_back(pick_from(random, prepositions));
            break;
        }
    }
    if (!words.empty()) {
        auto& first = words.front();
        if (first[0] >= 'a' && first[0] <= 'z') {
            first[0] = static_cast<char>(first[0] - 'a' + 'A');
        }
        words.back().push_back('.');
    }
    return words;
}

std::vector<text_page>
document_text(const generation_request& request, std::uint32_t pages, std::size_t max_total_lines) {
    auto random = document_rng(request, "document_text");
    const std::size_t budget_per_page =
        std::max<std::size_t>(1, max_total_lines / std::max<std::uint32_t>(pages, 1));
    const auto title = title_case(file_stem_words(request.file));
    std::vector<text_page> out(pages);
    for (std::uint32_t p = 0; p < pages; ++p) {
        auto wanted = static_cast<std::size_t>(random.between(5, 15));
        wanted = std::min(wanted, budget_per_page);
        auto& page = out[p];
        if (p == 0) {
            text_line heading;
            std::string word;
            for (char c : title) {
                if (c == ' ') {
                    heading.words.push_back(std::move(word));
                    word.clear();
                } else {
                    word.push_back(c);
                }
            }
            heading.words.push_back(std::move(word));
            page.lines.push_back(std::move(heading));
        }
        while (page.lines.size() < wanted) {
            page.lines.push_back(text_line{sentence(random, 3, 10)});
        }
    }
    return out;
}

person random_person(rng& random) {
    person out;
    out.first = std::string{pick_from(random, first_names)};
    out.last = std::string{pick_from(random, last_names)};
    std::string local;
    for (char c : out.first + "." + out.last) {
        local.push_back(to_lower(c));
    }
    out.email = local + "@" + std::string{pick_from(random, mail_domains)};
    out.phone = "+1 " + std::to_string(random.between(201, 989)) + " 555 " +
                std::to_string(random.between(1000, 9999));
    return out;
}

std::string_view random_city(rng& random) {
    return pick_from(random, cities);
}

std::string_view random_company(rng& random) {
    return pick_from(random, companies);
}

boost::json::object box_json(double left, double top, double width, double height, int digits) {
    boost::json::object out;
    out["left"] = round_to(left, digits);
    out["top"] = round_to(top, digits);
    out["width"] = round_to(width, digits);
    out["height"] = round_to(height, digits);
    return out;
}

double helvetica_width(std::string_view text, double size_pt) {
    std::uint32_t units = 0;
    for (char c : text) {
        const auto code = static_cast<unsigned char>(c);
        units += code >= 32 && code <= 126 ? helvetica_widths[code - 32] : 556U;
    }
    return static_cast<double>(units) * size_pt / 1000.0;
}

} // namespace emu::fake::ocr
