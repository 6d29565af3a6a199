#include "fake_providers/deterministic.hpp"
#include "fake_providers/ocr/ocr_document.hpp"
#include "fake_providers/ocr/ocr_features.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace emu::fake::ocr {

namespace {

// At most this many lines over the whole document keeps results of long PDFs to a few hundred KB.
constexpr std::size_t max_document_lines = 240;

// A word placed on the page, in points from the top-left corner.
struct placed_word {
    std::string text;
    double left = 0;
    double top = 0;
    double width = 0;
    double height = 0;
    double confidence = 0; // 0..1, as read by the provider
};

// A line placed on the page with its words.
struct placed_line {
    std::string text;
    std::vector<placed_word> words;
    double left = 0;
    double top = 0;
    double width = 0;
    double height = 0;
};

using placed_page = std::vector<placed_line>;

// Lays the document's text out on US Letter pages: lines top to bottom inside 1-inch side margins,
// words advancing with Helvetica widths. Geometry comes from the document (same for every
// provider); word confidences from the provider's own generator.
std::vector<placed_page> lay_out(const generation_request& request) {
    const auto pages = page_count(request);
    const auto text = document_text(request, pages, max_document_lines);
    auto geometry = document_rng(request, "ocr_layout");
    auto reading = rng::for_result(request, "ocr_confidence");
    constexpr double margin = 72.0;
    constexpr double usable_width = page_width_pt - 2 * margin;
    std::vector<placed_page> out;
    out.reserve(text.size());
    for (std::size_t p = 0; p < text.size(); ++p) {
        const auto& lines = text[p].lines;
        placed_page page;
        const double pitch =
            std::min(40.0, (page_height_pt - 2 * margin) / static_cast<double>(lines.size()));
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const bool heading = p == 0 && i == 0;
            double size = heading ? 16.0 : geometry.uniform(9.5, 11.5);
            const double indent = heading ? 0.0 : 18.0 * static_cast<double>(geometry.below(2));
            const double space = helvetica_width(" ", size);
            const double natural = helvetica_width(lines[i].text(), size);
            // Shrink the font of a line that would not fit between the margins.
            if (indent + natural > usable_width) {
                size *= usable_width / (indent + natural);
            }
            placed_line line;
            line.text = lines[i].text();
            line.left = margin + indent;
            line.top = margin + pitch * static_cast<double>(i) + geometry.uniform(0.0, 2.0);
            line.height = size;
            double x = line.left;
            for (const auto& word : lines[i].words) {
                placed_word placed;
                placed.text = word;
                placed.left = x;
                placed.top = line.top;
                placed.width = helvetica_width(word, size);
                placed.height = size;
                // Most words read cleanly; a few come out blurred.
                placed.confidence = reading.chance(0.05) ? reading.uniform(0.45, 0.9)
                                                         : reading.uniform(0.93, 0.999);
                x += placed.width + space;
                line.words.push_back(std::move(placed));
            }
            line.width = line.words.empty()
                             ? 0.0
                             : line.words.back().left + line.words.back().width - line.left;
            page.push_back(std::move(line));
        }
        out.push_back(std::move(page));
    }
    return out;
}

boost::json::object normalized_box(double left, double top, double width, double height) {
    return box_json(left / page_width_pt,
                    top / page_height_pt,
                    width / page_width_pt,
                    height / page_height_pt,
                    8);
}

double mean_confidence(const placed_line& line) {
    double sum = 0;
    for (const auto& word : line.words) {
        sum += word.confidence;
    }
    return line.words.empty() ? 0.0 : sum / static_cast<double>(line.words.size());
}

// How a provider reports confidences: Textract in percent, Google Vision as a 0..1 fraction,
// Document Intelligence in percent of a 3-decimal fraction with no line confidence.
enum class confidence_style { percent, fraction, percent_words_only };

boost::json::value scaled(double confidence, confidence_style style) {
    switch (style) {
    case confidence_style::percent:
        return round_to(confidence * 100.0, 2);
    case confidence_style::fraction:
        return round_to(confidence, 2);
    case confidence_style::percent_words_only:
        return round_to(round_to(confidence, 3) * 100.0, 1);
    }
    return nullptr;
}

boost::json::array pages_json(const std::vector<placed_page>& pages, confidence_style style) {
    boost::json::array out;
    for (const auto& page : pages) {
        boost::json::array lines;
        for (const auto& line : page) {
            boost::json::array words;
            for (const auto& word : line.words) {
                boost::json::object w;
                w["text"] = word.text;
                w["bounding_box"] = normalized_box(word.left, word.top, word.width, word.height);
                w["confidence"] = scaled(word.confidence, style);
                words.push_back(std::move(w));
            }
            boost::json::object l;
            l["text"] = line.text;
            l["words"] = std::move(words);
            l["bounding_box"] = normalized_box(line.left, line.top, line.width, line.height);
            l["confidence"] = style == confidence_style::percent_words_only
                                  ? boost::json::value(nullptr)
                                  : scaled(mean_confidence(line), style);
            lines.push_back(std::move(l));
        }
        boost::json::object p;
        p["lines"] = std::move(lines);
        out.push_back(std::move(p));
    }
    return out;
}

// Joins every line of every page, each followed by end_of_line.
std::string joined_lines(const std::vector<placed_page>& pages, std::string_view end_of_line) {
    std::string out;
    for (const auto& page : pages) {
        for (const auto& line : page) {
            out += line.text;
            out += end_of_line;
        }
    }
    return out;
}

generated_result
with_fields(std::string raw_text, boost::json::value pages, boost::json::value number_of_pages) {
    generated_result result;
    result.fields["raw_text"] = std::move(raw_text);
    result.fields["pages"] = std::move(pages);
    result.fields["number_of_pages"] = std::move(number_of_pages);
    return result;
}

// Textract GetDocumentTextDetection: PAGE, LINE and WORD blocks linked by CHILD relationships.
boost::json::value textract_response(const generation_request& request,
                                     const std::vector<placed_page>& pages) {
    boost::json::array blocks;
    std::uint64_t next_id = 0;
    const auto block_id = [&] {
        return derived_uuid(request, "block" + std::to_string(next_id++));
    };
    const auto geometry = [](double left, double top, double width, double height) {
        boost::json::object box;
        box["Width"] = round_to(width / page_width_pt, 8);
        box["Height"] = round_to(height / page_height_pt, 8);
        box["Left"] = round_to(left / page_width_pt, 8);
        box["Top"] = round_to(top / page_height_pt, 8);
        return boost::json::object{{"BoundingBox", std::move(box)}};
    };
    for (std::size_t p = 0; p < pages.size(); ++p) {
        boost::json::object page_block{{"BlockType", "PAGE"},
                                       {"Geometry", geometry(0, 0, page_width_pt, page_height_pt)},
                                       {"Id", block_id()},
                                       {"Page", json_int(p + 1)}};
        boost::json::array line_ids;
        boost::json::array line_blocks;
        for (const auto& line : pages[p]) {
            const auto line_id = block_id();
            line_ids.push_back(boost::json::value(line_id));
            boost::json::array word_ids;
            boost::json::array word_blocks;
            for (const auto& word : line.words) {
                const auto word_id = block_id();
                word_ids.push_back(boost::json::value(word_id));
                word_blocks.push_back(boost::json::object{
                    {"BlockType", "WORD"},
                    {"Confidence", round_to(word.confidence * 100.0, 6)},
                    {"Text", word.text},
                    {"TextType", "PRINTED"},
                    {"Geometry", geometry(word.left, word.top, word.width, word.height)},
                    {"Id", word_id},
                    {"Page", json_int(p + 1)}});
            }
            line_blocks.push_back(boost::json::object{
                {"BlockType", "LINE"},
                {"Confidence", round_to(mean_confidence(line) * 100.0, 6)},
                {"Text", line.text},
                {"Geometry", geometry(line.left, line.top, line.width, line.height)},
                {"Id", line_id},
                {"Relationships",
                 boost::json::array{boost::json::object{{"Type", "CHILD"}, {"Ids", word_ids}}}},
                {"Page", json_int(p + 1)}});
            for (auto& word : word_blocks) {
                line_blocks.push_back(std::move(word));
            }
        }
        page_block["Relationships"] =
            boost::json::array{boost::json::object{{"Type", "CHILD"}, {"Ids", line_ids}}};
        blocks.push_back(std::move(page_block));
        for (auto& block : line_blocks) {
            blocks.push_back(std::move(block));
        }
    }
    boost::json::object response{{"DocumentMetadata", {{"Pages", json_int(pages.size())}}},
                                 {"JobStatus", "SUCCEEDED"},
                                 {"DetectDocumentTextModelVersion", "1.0"},
                                 {"Blocks", std::move(blocks)}};
    return boost::json::array{std::move(response)};
}

// Vision asyncBatchAnnotateFiles output: one fullTextAnnotation per page (page size and text).
boost::json::value vision_response(const std::vector<placed_page>& pages) {
    boost::json::array responses;
    for (const auto& page : pages) {
        std::string text;
        for (const auto& line : page) {
            text += line.text + "\n";
        }
        responses.push_back(
            boost::json::object{{"pages",
                                 boost::json::array{boost::json::object{
                                     {"width", 612}, {"height", 792}, {"confidence", 0.98}}}},
                                {"text", std::move(text)}});
    }
    return boost::json::object{{"responses", std::move(responses)}};
}

// Document Intelligence prebuilt-layout analyzeResults: content plus per-page line polygons.
boost::json::value document_intelligence_response(const std::vector<placed_page>& pages,
                                                  const std::string& content) {
    boost::json::array page_list;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        boost::json::array lines;
        for (const auto& line : pages[p]) {
            const double l = round_to(line.left / 72.0, 4);
            const double t = round_to(line.top / 72.0, 4);
            const double r = round_to((line.left + line.width) / 72.0, 4);
            const double b = round_to((line.top + line.height) / 72.0, 4);
            lines.push_back(boost::json::object{
                {"content", line.text}, {"polygon", boost::json::array{l, t, r, t, r, b, l, b}}});
        }
        page_list.push_back(boost::json::object{{"pageNumber", json_int(p + 1)},
                                                {"angle", 0},
                                                {"width", 8.5},
                                                {"height", 11},
                                                {"unit", "inch"},
                                                {"lines", std::move(lines)}});
    }
    return boost::json::object{{"status", "succeeded"},
                               {"analyzeResult",
                                boost::json::object{{"apiVersion", "2024-02-29-preview"},
                                                    {"modelId", "prebuilt-layout"},
                                                    {"content", content},
                                                    {"pages", std::move(page_list)}}}};
}

} // namespace

generated_result amazon_ocr_async(const generation_request& request) {
    const auto pages = lay_out(request);
    auto result = with_fields(joined_lines(pages, "\n"),
                              pages_json(pages, confidence_style::percent),
                              static_cast<std::int64_t>(pages.size()));
    if (request.original_response) {
        result.original_response = textract_response(request, pages);
    }
    return result;
}

generated_result google_ocr_async(const generation_request& request) {
    const auto pages = lay_out(request);
    auto result = with_fields(joined_lines(pages, "\n"),
                              pages_json(pages, confidence_style::fraction),
                              static_cast<std::int64_t>(pages.size()));
    if (request.original_response) {
        result.original_response = vision_response(pages);
    }
    return result;
}

generated_result microsoft_ocr_async(const generation_request& request) {
    const auto pages = lay_out(request);
    auto content = joined_lines(pages, "\n");
    if (!content.empty()) {
        content.pop_back(); // Document Intelligence content has no trailing newline
    }
    auto result = with_fields(content,
                              pages_json(pages, confidence_style::percent_words_only),
                              static_cast<std::int64_t>(pages.size()));
    if (request.original_response) {
        result.original_response = document_intelligence_response(pages, content);
    }
    return result;
}

generated_result mistral_ocr_async(const generation_request& request) {
    const auto pages = page_count(request);
    const auto text = document_text(request, pages, max_document_lines);
    auto grouping = rng::for_result(request, "markdown");
    std::string raw_text;
    boost::json::array page_list;
    for (std::size_t p = 0; p < text.size(); ++p) {
        // Markdown per page: the title as a heading, then sentences grouped into paragraphs.
        std::string markdown;
        std::size_t first = 0;
        if (p == 0 && !text[p].lines.empty()) {
            markdown += "# " + text[p].lines[0].text() + "\n\n";
            first = 1;
        }
        std::size_t in_paragraph = 0;
        const auto paragraph_size = [&] {
            return static_cast<std::size_t>(grouping.between(2, 4));
        };
        std::size_t wanted = paragraph_size();
        for (std::size_t i = first; i < text[p].lines.size(); ++i) {
            markdown += (in_paragraph == 0 ? "" : " ") + text[p].lines[i].text();
            if (++in_paragraph == wanted || i + 1 == text[p].lines.size()) {
                markdown += "\n\n";
                in_paragraph = 0;
                wanted = paragraph_size();
            }
        }
        raw_text += markdown;
        page_list.push_back(boost::json::object{
            {"index", json_int(p)},
            {"markdown", markdown},
            {"images", boost::json::array{}},
            {"dimensions", boost::json::object{{"dpi", 200}, {"height", 2200}, {"width", 1700}}}});
    }
    // Eden's mistral sample leaves pages empty and reports only the page count.
    auto result = with_fields(std::move(raw_text), boost::json::array{}, json_int(pages));
    if (request.original_response) {
        const std::uint64_t size = request.file != nullptr ? request.file->size : 0;
        result.original_response =
            boost::json::object{{"pages", std::move(page_list)},
                                {"model", "mistral-ocr-2505-completion"},
                                {"usage_info",
                                 boost::json::object{{"pages_processed", json_int(pages)},
                                                     {"doc_size_bytes", json_int(size)}}}};
    }
    return result;
}

generated_result oneai_ocr_async(const generation_request& request) {
    const auto pages = page_count(request);
    const auto text = document_text(request, pages, max_document_lines);
    std::string raw_text = "\r\n";
    for (const auto& page : text) {
        for (const auto& line : page.lines) {
            raw_text += line.text() + "\r\n";
        }
    }
    // Eden's oneai sample has no pages and a null page count (the schema says integer).
    auto result = with_fields(raw_text, boost::json::array{}, nullptr);
    if (request.original_response) {
        boost::json::object output{{"text", raw_text},
                                   {"contents", boost::json::array{}},
                                   {"labels", boost::json::array{}}};
        boost::json::object body{{"input_text", ""},
                                 {"status", "success"},
                                 {"output", boost::json::array{std::move(output)}}};
        result.original_response =
            boost::json::object{{"status", "COMPLETED"}, {"result", std::move(body)}};
    }
    return result;
}

} // namespace emu::fake::ocr
