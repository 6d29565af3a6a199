#include "fake_providers/deterministic.hpp"
#include "fake_providers/ocr/document_queries.hpp"
#include "fake_providers/ocr/ocr_document.hpp"
#include "fake_providers/ocr/ocr_features.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace emu::fake::ocr {

namespace {

// An answer as found in the document: the same for every provider of a job.
struct found_answer {
    std::string query;
    std::string value;
    std::uint32_t page = 1;
    double left = 0;
    double top = 0;
    double width = 0;
    double height = 0;
};

std::string lower(std::string_view text) {
    std::string out{text};
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

bool mentions(const std::string& query, std::initializer_list<std::string_view> words) {
    for (auto word : words) {
        if (query.find(word) != std::string::npos) {
            return true;
        }
    }
    return false;
}

constexpr std::array<std::string_view, 12> months{"January",
                                                  "February",
                                                  "March",
                                                  "April",
                                                  "May",
                                                  "June",
                                                  "July",
                                                  "August",
                                                  "September",
                                                  "October",
                                                  "November",
                                                  "December"};

// A plausible answer chosen from what the question asks about (email, phone, date, amount...).
std::string answer_for(const std::string& question, rng& random) {
    const auto q = lower(question);
    const auto someone = random_person(random);
    if (mentions(q, {"email", "e-mail", "mail"})) {
        return someone.email;
    }
    if (mentions(q, {"phone", "telephone", "mobile", "fax"})) {
        return someone.phone;
    }
    if (mentions(q, {"date", "when", "day", "deadline"})) {
        return std::string{months[random.below(months.size())]} + " " +
               std::to_string(random.between(1, 28)) + ", " +
               std::to_string(random.between(2015, 2025));
    }
    if (mentions(q, {"total", "amount", "price", "cost", "balance", "due", "salary", "fee"})) {
        char buffer[32];
        std::snprintf(buffer,
                      sizeof buffer,
                      "$%d,%03d.%02d",
                      static_cast<int>(random.between(1, 99)),
                      static_cast<int>(random.between(0, 999)),
                      static_cast<int>(random.between(0, 99)));
        return buffer;
    }
    if (mentions(q, {"address", "where", "location"})) {
        return std::to_string(random.between(1, 250)) + " Harbor Street, " +
               std::string{random_city(random)};
    }
    if (mentions(q, {"city", "town"})) {
        return std::string{random_city(random)};
    }
    if (mentions(q,
                 {"company", "organization", "organisation", "supplier", "vendor", "employer"})) {
        return std::string{random_company(random)} + " Ltd";
    }
    if (mentions(q, {"name", "who", "author", "customer", "client", "signed"})) {
        return someone.first + " " + someone.last;
    }
    if (mentions(q, {"number", "id", "reference", "invoice", "order", "code"})) {
        char buffer[32];
        std::snprintf(buffer,
                      sizeof buffer,
                      "INV-%d-%04d",
                      static_cast<int>(random.between(2015, 2025)),
                      static_cast<int>(random.between(1, 9999)));
        return buffer;
    }
    if (mentions(q, {"how many", "count", "quantity"})) {
        return std::to_string(random.between(1, 200));
    }
    std::string out;
    for (const auto& word : sentence(random, 5, 11)) {
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

std::vector<found_answer> find_answers(const generation_request& request) {
    const auto pages = page_count(request);
    std::vector<found_answer> out;
    for (auto& query : parse_queries(request.params.get_or("queries", ""))) {
        auto random = document_rng(request, "answer:" + query.query + "|" + query.pages);
        found_answer answer;
        answer.value = answer_for(query.query, random);
        const auto choices = page_choices(query.pages, pages);
        answer.page = choices[random.below(choices.size())];
        constexpr double size = 10.0;
        answer.width = std::min(0.8, helvetica_width(answer.value, size) / page_width_pt);
        answer.height = size * 1.15 / page_height_pt;
        answer.left = random.uniform(0.06, 0.94 - answer.width);
        answer.top = random.uniform(0.05, 0.92);
        answer.query = std::move(query.query);
        out.push_back(std::move(answer));
    }
    return out;
}

generated_result items_result(boost::json::array items) {
    generated_result result;
    result.fields["items"] = std::move(items);
    return result;
}

} // namespace

generated_result amazon_custom_document_parsing_async(const generation_request& request) {
    const auto answers = find_answers(request);
    auto reading = rng::for_result(request, "query_confidence");
    boost::json::array items;
    boost::json::array blocks;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        const auto& answer = answers[i];
        // Textract query confidences are whole percentages (97.0, 89.0 in Eden's sample).
        const auto confidence = static_cast<double>(reading.between(60, 99));
        boost::json::object item;
        item["confidence"] = confidence;
        item["value"] = answer.value;
        item["query"] = answer.query;
        item["bounding_box"] = box_json(answer.left, answer.top, answer.width, answer.height, 8);
        item["page"] = json_int(answer.page);
        items.push_back(std::move(item));
        if (request.original_response) {
            const auto query_id = derived_uuid(request, "query" + std::to_string(i));
            const auto result_id = derived_uuid(request, "query_result" + std::to_string(i));
            blocks.push_back(boost::json::object{
                {"BlockType", "QUERY"},
                {"Id", query_id},
                {"Query", {{"Text", answer.query}}},
                {"Relationships",
                 boost::json::array{boost::json::object{
                     {"Type", "ANSWER"},
                     {"Ids", boost::json::array{boost::json::value(result_id)}}}}},
                {"Page", json_int(answer.page)}});
            boost::json::object box{{"Width", round_to(answer.width, 8)},
                                    {"Height", round_to(answer.height, 8)},
                                    {"Left", round_to(answer.left, 8)},
                                    {"Top", round_to(answer.top, 8)}};
            blocks.push_back(boost::json::object{{"BlockType", "QUERY_RESULT"},
                                                 {"Id", result_id},
                                                 {"Text", answer.value},
                                                 {"Confidence", confidence},
                                                 {"Geometry", {{"BoundingBox", std::move(box)}}},
                                                 {"Page", json_int(answer.page)}});
        }
    }
    auto result = items_result(std::move(items));
    if (request.original_response) {
        result.original_response =
            boost::json::object{{"DocumentMetadata", {{"Pages", json_int(page_count(request))}}},
                                {"JobStatus", "SUCCEEDED"},
                                {"AnalyzeDocumentModelVersion", "1.0"},
                                {"Blocks", std::move(blocks)}};
    }
    return result;
}

generated_result extracta_custom_document_parsing_async(const generation_request& request) {
    const auto answers = find_answers(request);
    boost::json::array items;
    boost::json::object extracted;
    for (const auto& answer : answers) {
        // Extracta reports neither location nor page: Eden fills 1.0, a zero box and page 0.
        boost::json::object item;
        item["confidence"] = 1.0;
        item["value"] = answer.value;
        item["query"] = answer.query;
        item["bounding_box"] = box_json(0, 0, 0, 0, 8);
        item["page"] = 0;
        items.push_back(std::move(item));
        extracted[answer.query] = answer.value;
    }
    auto result = items_result(std::move(items));
    if (request.original_response) {
        result.original_response = boost::json::object{
            {"status", "finished"},
            {"extractionId", derived_uuid(request, "extraction")},
            {"result", boost::json::array{boost::json::object{{"result", std::move(extracted)}}}}};
    }
    return result;
}

} // namespace emu::fake::ocr
