#include "fake_providers/deterministic.hpp"
#include "fake_providers/ocr/ocr_document.hpp"
#include "fake_providers/ocr/ocr_features.hpp"
#include "fake_providers/ocr/pdf_writer.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace emu::fake::ocr {

namespace {

// The anonymized PDF holds at most this many pages, whatever the input's length.
constexpr std::uint32_t max_output_pages = 5;

enum class entity_kind { none, name, email, phone };

// A run of a line's text; entity runs are what anonymization masks.
struct segment {
    std::string text;
    entity_kind kind = entity_kind::none;
};

using document_line = std::vector<segment>;
using document_page = std::vector<document_line>;

// How the provider hides entities: a tag in place of the text, or a black box over it.
enum class masking { redacted_tag, numbered_label, black_box };

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& word : words) {
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

// A line that mentions a person: a name with an email or a phone number, in a few phrasings.
document_line entity_line(rng& random) {
    const auto someone = random_person(random);
    const segment name{someone.first + " " + someone.last, entity_kind::name};
    const segment email{someone.email, entity_kind::email};
    const segment phone{someone.phone, entity_kind::phone};
    switch (random.below(5)) {
    case 0:
        return {{"Contact ", entity_kind::none},
                name,
                {" at ", entity_kind::none},
                email,
                {" for details.", entity_kind::none}};
    case 1:
        return {name, {" can be reached on ", entity_kind::none}, phone, {".", entity_kind::none}};
    case 2:
        return {{"Prepared by ", entity_kind::none},
                name,
                {" (", entity_kind::none},
                email,
                {")", entity_kind::none}};
    case 3:
        return {{"Phone: ", entity_kind::none}, phone, {"  Email: ", entity_kind::none}, email};
    default:
        return {{"Signed: ", entity_kind::none}, name};
    }
}

// The input document as the anonymizer reads it: a title from the file name, then 6-12 lines a
// page where about a third mention a person. Same for every provider of a job.
std::vector<document_page> document_lines(const generation_request& request) {
    const auto pages = std::min(page_count(request), max_output_pages);
    auto random = document_rng(request, "anonymization_text");
    std::vector<document_page> out(pages);
    for (std::uint32_t p = 0; p < pages; ++p) {
        if (p == 0) {
            out[p].push_back({{title_case(file_stem_words(request.file)), entity_kind::none}});
            out[p].push_back(entity_line(random));
        }
        const auto wanted = static_cast<std::size_t>(random.between(6, 12));
        while (out[p].size() < wanted) {
            if (random.chance(0.35)) {
                out[p].push_back(entity_line(random));
            } else {
                out[p].push_back({{join(sentence(random, 4, 12)), entity_kind::none}});
            }
        }
    }
    return out;
}

std::string_view label_of(entity_kind kind) {
    switch (kind) {
    case entity_kind::name:
        return "NAME";
    case entity_kind::email:
        return "EMAIL_ADDRESS";
    case entity_kind::phone:
        return "PHONE_NUMBER";
    case entity_kind::none:
        break;
    }
    return "";
}

// Renders the pages, masking every entity, and returns the PDF bytes. Private AI style labels
// are numbered per distinct value ("[NAME_1]" everywhere the same name appears).
std::string anonymized_pdf(const std::vector<document_page>& pages, masking style) {
    pdf_writer pdf;
    std::map<std::pair<std::string_view, std::string>, int> labels;
    std::map<std::string_view, int> next_label;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        pdf.begin_page();
        const auto& lines = pages[p];
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const double size = p == 0 && i == 0 ? 16.0 : 11.0;
            const double baseline = 90.0 + 28.0 * static_cast<double>(i);
            double x = 72.0;
            for (const auto& run : lines[i]) {
                std::string shown = run.text;
                if (run.kind != entity_kind::none && style == masking::black_box) {
                    const double width = helvetica_width(run.text, size);
                    pdf.box(x, baseline - size * 0.8, width, size * 1.05);
                    x += width;
                    continue;
                }
                if (run.kind != entity_kind::none && style == masking::redacted_tag) {
                    shown = "[REDACTED]";
                } else if (run.kind != entity_kind::none) {
                    const auto label = label_of(run.kind);
                    auto [it, added] = labels.try_emplace({label, run.text}, 0);
                    if (added) {
                        it->second = ++next_label[label];
                    }
                    shown = "[" + std::string{label} + "_" + std::to_string(it->second) + "]";
                }
                pdf.text(x, baseline, size, shown);
                x += helvetica_width(shown, size);
            }
        }
    }
    return pdf.finish();
}

std::size_t entity_count(const std::vector<document_page>& pages) {
    std::size_t count = 0;
    for (const auto& page : pages) {
        for (const auto& line : page) {
            count += static_cast<std::size_t>(
                std::count_if(line.begin(), line.end(), [](const segment& s) {
                    return s.kind != entity_kind::none;
                }));
        }
    }
    return count;
}

generated_result document_result(const generation_request& request, const std::string& pdf) {
    generated_result result;
    result.fields["document"] = base64_encode(pdf);
    result.fields["document_url"] = std::string{request.resource_url_base} + "/document.pdf";
    result.media_field = "document";
    return result;
}

} // namespace

generated_result base64_anonymization_async(const generation_request& request) {
    const auto pages = document_lines(request);
    auto result = document_result(request, anonymized_pdf(pages, masking::redacted_tag));
    if (request.original_response) {
        result.original_response =
            boost::json::object{{"status", "success"},
                                {"document_type", "pdf"},
                                {"pages", json_int(pages.size())},
                                {"redacted_fields", json_int(entity_count(pages))}};
    }
    return result;
}

generated_result privateai_anonymization_async(const generation_request& request) {
    const auto pages = document_lines(request);
    auto result = document_result(request, anonymized_pdf(pages, masking::numbered_label));
    if (request.original_response) {
        auto random = rng::for_result(request, "privateai_entities");
        boost::json::array entities;
        std::map<std::pair<std::string_view, std::string>, int> seen;
        std::map<std::string_view, int> next;
        for (const auto& page : pages) {
            for (const auto& line : page) {
                for (const auto& run : line) {
                    if (run.kind == entity_kind::none) {
                        continue;
                    }
                    const auto label = label_of(run.kind);
                    auto [it, added] = seen.try_emplace({label, run.text}, 0);
                    if (added) {
                        it->second = ++next[label];
                    }
                    boost::json::object scores;
                    scores[label] = round_to(random.uniform(0.85, 0.99), 4);
                    entities.push_back(boost::json::object{
                        {"processed_text", std::string{label} + "_" + std::to_string(it->second)},
                        {"text", run.text},
                        {"best_label", label},
                        {"labels", std::move(scores)}});
                }
            }
        }
        result.original_response =
            boost::json::object{{"processed_file_type", "pdf"}, {"entities", std::move(entities)}};
    }
    return result;
}

generated_result readyredact_anonymization_async(const generation_request& request) {
    const auto pages = document_lines(request);
    auto result = document_result(request, anonymized_pdf(pages, masking::black_box));
    if (request.original_response) {
        result.original_response =
            boost::json::object{{"status", "completed"},
                                {"job_id", derived_uuid(request, "readyredact_job")},
                                {"pages", json_int(pages.size())},
                                {"redactions", json_int(entity_count(pages))}};
    }
    return result;
}

} // namespace emu::fake::ocr
