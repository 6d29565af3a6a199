#include "fake_providers/deterministic.hpp"
#include "fake_providers/generation.hpp"
#include "fake_providers/ocr/document_queries.hpp"
#include "fake_providers/ocr/pdf_probe.hpp"
#include "tests/unit/fake_providers/table_generators.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using emu::fake::generated_result;
using emu::fake::generation_request;
using emu::fake::input_file;
using emu::fake::launch_params;
using emu::testing::providers_of;

constexpr std::string_view url_base = "http://127.0.0.1:8080/_emulator/resources/job-1/amazon";

// Runs one ocr generator of the default registry.
generated_result run(std::string_view feature,
                     std::string_view provider,
                     const launch_params& params,
                     const input_file* file,
                     std::string_view job_id = "job-1",
                     bool original_response = false,
                     std::uint64_t seed = 7) {
    const auto fn = emu::testing::default_generators().find(feature, provider);
    BOOST_REQUIRE(fn != nullptr);
    generation_request request{
        feature, provider, "", job_id, seed, params, file, url_base, original_response};
    return fn(request);
}

// Mistral answers in markdown without pages and OneAI in plain text; the others list pages of
// lines and words with boxes.
bool lists_pages_of_lines(std::string_view provider) {
    return provider != "mistral" && provider != "oneai";
}

std::string serialized(const generated_result& result) {
    return boost::json::serialize(result.fields) + "|" +
           boost::json::serialize(result.original_response) + "|" + result.media_field;
}

input_file pdf_file(std::uint32_t pages, std::string name = "quarterly_sales-report.pdf") {
    input_file file;
    file.name = std::move(name);
    file.content_type = "application/pdf";
    file.size = 48213;
    file.page_count = pages;
    return file;
}

input_file image_file() {
    input_file file;
    file.name = "scanned receipt.png";
    file.content_type = "image/png";
    file.size = 20480;
    file.width = 1240;
    file.height = 1754;
    return file;
}

input_file url_file() {
    input_file file;
    file.name = "contract.pdf";
    file.from_url = true;
    return file;
}

// The inputs every provider is run on: PDFs of several lengths, an image, a URL, no file.
std::vector<std::pair<std::string, std::optional<input_file>>> inputs() {
    return {{"pdf 1 page", pdf_file(1)},
            {"pdf 7 pages", pdf_file(7)},
            {"image", image_file()},
            {"url", url_file()},
            {"no file", std::nullopt}};
}

const input_file* pointer(const std::optional<input_file>& file) {
    return file ? &*file : nullptr;
}

std::vector<std::string> keys_of(const boost::json::object& object) {
    std::vector<std::string> keys;
    for (const auto& entry : object) {
        keys.emplace_back(entry.key());
    }
    return keys;
}

using key_list = std::vector<std::string>;

// The box fits in the unit square (normalized page coordinates).
void check_box_in_page(const boost::json::value& box) {
    const auto& b = box.as_object();
    BOOST_TEST(keys_of(b) == (key_list{"left", "top", "width", "height"}));
    const double left = b.at("left").as_double();
    const double top = b.at("top").as_double();
    const double width = b.at("width").as_double();
    const double height = b.at("height").as_double();
    BOOST_TEST(left >= 0.0);
    BOOST_TEST(top >= 0.0);
    BOOST_TEST(width >= 0.0);
    BOOST_TEST(height >= 0.0);
    BOOST_TEST(left + width <= 1.0 + 1e-9);
    BOOST_TEST(top + height <= 1.0 + 1e-9);
}

bool box_inside(const boost::json::object& inner, const boost::json::object& outer) {
    constexpr double eps = 1e-6;
    const auto get = [](const boost::json::object& b, const char* key) {
        return b.at(key).as_double();
    };
    return get(inner, "left") >= get(outer, "left") - eps &&
           get(inner, "top") >= get(outer, "top") - eps &&
           get(inner, "left") + get(inner, "width") <=
               get(outer, "left") + get(outer, "width") + eps &&
           get(inner, "top") + get(inner, "height") <=
               get(outer, "top") + get(outer, "height") + eps;
}

std::uint32_t expected_pages(const std::optional<input_file>& file) {
    return file && file->page_count ? *file->page_count : 1;
}

// A minimal PDF as a test would write by hand: one Pages node and `pages` leaves.
std::string hand_made_pdf(std::uint32_t pages, bool compact, bool with_count) {
    const std::string type_pages = compact ? "/Type/Pages" : "/Type /Pages";
    const std::string type_page = compact ? "/Type/Page" : "/Type /Page";
    std::string out = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
    out += "2 0 obj\n<<" + type_pages + (with_count ? " /Count " + std::to_string(pages) : "") +
           " /Kids [] >>\nendobj\n";
    for (std::uint32_t i = 0; i < pages; ++i) {
        out += std::to_string(3 + i) + " 0 obj\n<<" + type_page +
               "/Parent 2 0 R /MediaBox [0 0 612 792]>>\nendobj\n";
    }
    out += "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
    return out;
}

// The probed page count, 0 when the probe found none.
std::uint32_t probed_pages(std::string_view bytes) {
    input_file file;
    emu::fake::probe_pdf(bytes, file);
    return file.page_count.value_or(0);
}

std::string decoded_document(const generated_result& result) {
    std::string pdf;
    BOOST_REQUIRE(emu::fake::base64_decode(result.fields.at("document").as_string(), pdf));
    return pdf;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ocr_async_generators)

BOOST_AUTO_TEST_CASE(every_provider_returns_raw_text_pages_and_page_count_in_sample_order) {
    launch_params params;
    for (const auto& provider : providers_of("ocr/ocr_async")) {
        for (const auto& [label, file] : inputs()) {
            BOOST_TEST_CONTEXT(provider << " on " << label) {
                const auto result = run("ocr/ocr_async", provider, params, pointer(file));
                BOOST_TEST(keys_of(result.fields) ==
                           (key_list{"raw_text", "pages", "number_of_pages"}));
                BOOST_TEST(result.fields.at("raw_text").is_string());
                BOOST_TEST(!result.fields.at("raw_text").as_string().empty());
                BOOST_TEST(result.fields.at("pages").is_array());
                BOOST_TEST(result.original_response.is_null());
                BOOST_TEST(result.media_field.empty());
                if (provider == "oneai") {
                    BOOST_TEST(result.fields.at("number_of_pages").is_null());
                } else {
                    BOOST_TEST(result.fields.at("number_of_pages").is_int64());
                }
                for (const auto& page : result.fields.at("pages").as_array()) {
                    BOOST_TEST(keys_of(page.as_object()) == key_list{"lines"});
                    for (const auto& line : page.at("lines").as_array()) {
                        BOOST_TEST(keys_of(line.as_object()) ==
                                   (key_list{"text", "words", "bounding_box", "confidence"}));
                        BOOST_TEST(line.at("text").is_string());
                        for (const auto& word : line.at("words").as_array()) {
                            BOOST_TEST(keys_of(word.as_object()) ==
                                       (key_list{"text", "bounding_box", "confidence"}));
                            BOOST_TEST(word.at("confidence").is_double());
                        }
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(page_count_follows_the_pdf_and_matches_the_pages_listed) {
    launch_params params;
    for (const auto& provider : providers_of("ocr/ocr_async")) {
        if (!lists_pages_of_lines(provider)) {
            continue;
        }
        for (const auto& [label, file] : inputs()) {
            BOOST_TEST_CONTEXT(provider << " on " << label) {
                const auto result = run("ocr/ocr_async", provider, params, pointer(file));
                const auto count = result.fields.at("number_of_pages").as_int64();
                BOOST_TEST(static_cast<std::size_t>(count) ==
                           result.fields.at("pages").as_array().size());
                if (file && !file->from_url) {
                    BOOST_TEST(count == expected_pages(file));
                } else {
                    BOOST_TEST(count >= 1);
                    BOOST_TEST(count <= 3);
                }
            }
        }
    }
    const auto pdf = pdf_file(4);
    const auto mistral = run("ocr/ocr_async", "mistral", params, &pdf);
    BOOST_TEST(mistral.fields.at("number_of_pages").as_int64() == 4);
    BOOST_TEST(mistral.fields.at("pages").as_array().empty());
    BOOST_TEST(mistral.fields.at("raw_text").as_string().starts_with("# Quarterly Sales Report"));
}

BOOST_AUTO_TEST_CASE(a_url_document_has_the_same_page_count_for_every_provider) {
    launch_params params;
    const auto file = url_file();
    std::set<std::int64_t> counts;
    for (const auto& provider : providers_of("ocr/ocr_async")) {
        if (provider == "oneai") {
            continue; // no page count
        }
        counts.insert(
            run("ocr/ocr_async", provider, params, &file).fields.at("number_of_pages").as_int64());
    }
    BOOST_TEST(counts.size() == 1U);
}

BOOST_AUTO_TEST_CASE(boxes_stay_in_the_page_words_in_their_line_and_lines_go_down_the_page) {
    launch_params params;
    for (const auto& provider : providers_of("ocr/ocr_async")) {
        if (!lists_pages_of_lines(provider)) {
            continue;
        }
        for (const auto& [label, file] : inputs()) {
            BOOST_TEST_CONTEXT(provider << " on " << label) {
                const auto result = run("ocr/ocr_async", provider, params, pointer(file));
                const auto& raw_text = result.fields.at("raw_text").as_string();
                for (const auto& page : result.fields.at("pages").as_array()) {
                    const auto& lines = page.at("lines").as_array();
                    BOOST_TEST(!lines.empty());
                    double previous_top = -1.0;
                    for (const auto& line : lines) {
                        const auto& line_box = line.at("bounding_box").as_object();
                        check_box_in_page(line_box);
                        BOOST_TEST(line_box.at("top").as_double() > previous_top);
                        previous_top = line_box.at("top").as_double();
                        std::string joined;
                        for (const auto& word : line.at("words").as_array()) {
                            check_box_in_page(word.at("bounding_box"));
                            BOOST_TEST(box_inside(word.at("bounding_box").as_object(), line_box));
                            joined += (joined.empty() ? "" : " ") +
                                      std::string{word.at("text").as_string()};
                        }
                        BOOST_TEST(joined == line.at("text").as_string());
                        BOOST_TEST(std::string_view{raw_text}.find(line.at("text").as_string()) !=
                                   std::string_view::npos);
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_first_line_is_a_title_made_from_the_file_name) {
    launch_params params;
    const auto file = pdf_file(2);
    const auto result = run("ocr/ocr_async", "google", params, &file);
    const auto& first = result.fields.at("pages").at(0).at("lines").at(0);
    BOOST_TEST(first.at("text").as_string() == "Quarterly Sales Report");
}

BOOST_AUTO_TEST_CASE(confidence_scales_follow_each_provider) {
    launch_params params;
    const auto file = pdf_file(3);
    const auto max_word_confidence = [&](std::string_view provider) {
        double highest = 0.0;
        const auto result = run("ocr/ocr_async", provider, params, &file);
        for (const auto& page : result.fields.at("pages").as_array()) {
            for (const auto& line : page.at("lines").as_array()) {
                for (const auto& word : line.at("words").as_array()) {
                    highest = std::max(highest, word.at("confidence").as_double());
                }
            }
        }
        return highest;
    };
    BOOST_TEST(max_word_confidence("google") <= 1.0);
    BOOST_TEST(max_word_confidence("amazon") > 1.0);
    BOOST_TEST(max_word_confidence("amazon") <= 100.0);
    BOOST_TEST(max_word_confidence("microsoft") > 1.0);
    const auto microsoft = run("ocr/ocr_async", "microsoft", params, &file);
    BOOST_TEST(microsoft.fields.at("pages").at(0).at("lines").at(0).at("confidence").is_null());
    const auto google = run("ocr/ocr_async", "google", params, &file);
    BOOST_TEST(google.fields.at("pages").at(0).at("lines").at(0).at("confidence").is_double());
}

BOOST_AUTO_TEST_CASE(a_long_pdf_keeps_one_page_entry_per_page_with_a_bounded_size) {
    launch_params params;
    const auto file = pdf_file(400);
    const auto result = run("ocr/ocr_async", "amazon", params, &file);
    BOOST_TEST(result.fields.at("pages").as_array().size() == 400U);
    BOOST_TEST(boost::json::serialize(result.fields).size() < 2'000'000U);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ocr_tables_async_generators)

BOOST_AUTO_TEST_CASE(every_provider_returns_pages_of_tables_in_sample_order) {
    launch_params params;
    for (const auto& provider : providers_of("ocr/ocr_tables_async")) {
        for (const auto& [label, file] : inputs()) {
            BOOST_TEST_CONTEXT(provider << " on " << label) {
                const auto result = run("ocr/ocr_tables_async", provider, params, pointer(file));
                BOOST_TEST(keys_of(result.fields) == (key_list{"pages", "num_pages"}));
                const auto& pages = result.fields.at("pages").as_array();
                BOOST_TEST(static_cast<std::size_t>(result.fields.at("num_pages").as_int64()) ==
                           pages.size());
                if (file && !file->from_url) {
                    BOOST_TEST(pages.size() == expected_pages(file));
                }
                BOOST_TEST(!pages.at(0).at("tables").as_array().empty());
                for (const auto& page : pages) {
                    BOOST_TEST(keys_of(page.as_object()) == key_list{"tables"});
                    for (const auto& table : page.at("tables").as_array()) {
                        BOOST_TEST(keys_of(table.as_object()) ==
                                   (key_list{"rows", "num_rows", "num_cols"}));
                        for (const auto& row : table.at("rows").as_array()) {
                            BOOST_TEST(keys_of(row.as_object()) == key_list{"cells"});
                            for (const auto& cell : row.at("cells").as_array()) {
                                BOOST_TEST(keys_of(cell.as_object()) == (key_list{"text",
                                                                                  "row_index",
                                                                                  "col_index",
                                                                                  "row_span",
                                                                                  "col_span",
                                                                                  "confidence",
                                                                                  "bounding_box",
                                                                                  "is_header"}));
                                BOOST_TEST(cell.at("text").is_string());
                                BOOST_TEST(cell.at("confidence").is_double());
                                BOOST_TEST(cell.at("is_header").is_bool());
                                check_box_in_page(cell.at("bounding_box"));
                            }
                        }
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(cell_indices_and_spans_tile_the_grid_with_header_rows_first) {
    launch_params params;
    for (const auto& provider : providers_of("ocr/ocr_tables_async")) {
        if (provider == "google") {
            continue; // google_gives_no_indices_and_one_header_row
        }
        for (const auto& [label, file] : inputs()) {
            for (const auto& job : {"job-a", "job-b", "job-c", "job-d"}) {
                BOOST_TEST_CONTEXT(provider << " on " << label << " " << job) {
                    const auto result =
                        run("ocr/ocr_tables_async", provider, params, pointer(file), job);
                    for (const auto& page : result.fields.at("pages").as_array()) {
                        for (const auto& table : page.at("tables").as_array()) {
                            const auto rows = table.at("num_rows").as_int64();
                            const auto cols = table.at("num_cols").as_int64();
                            BOOST_TEST(static_cast<std::size_t>(rows) ==
                                       table.at("rows").as_array().size());
                            std::vector<int> covered(static_cast<std::size_t>(rows * cols), 0);
                            bool body_seen = false;
                            for (std::int64_t r = 0; r < rows; ++r) {
                                const auto& row = table.at("rows").at(static_cast<std::size_t>(r));
                                bool header_row = true;
                                for (const auto& cell : row.at("cells").as_array()) {
                                    const auto ri = cell.at("row_index").as_int64();
                                    const auto ci = cell.at("col_index").as_int64();
                                    const auto rs = cell.at("row_span").as_int64();
                                    const auto cs = cell.at("col_span").as_int64();
                                    BOOST_TEST(ri == r);
                                    BOOST_TEST(ci >= 0);
                                    BOOST_TEST(rs >= 1);
                                    BOOST_TEST(cs >= 1);
                                    BOOST_REQUIRE(ri + rs <= rows);
                                    BOOST_REQUIRE(ci + cs <= cols);
                                    for (auto y = ri; y < ri + rs; ++y) {
                                        for (auto x = ci; x < ci + cs; ++x) {
                                            ++covered[static_cast<std::size_t>(y * cols + x)];
                                        }
                                    }
                                    header_row = header_row && cell.at("is_header").as_bool();
                                }
                                BOOST_TEST(!(header_row && body_seen));
                                body_seen = body_seen || !header_row;
                            }
                            BOOST_TEST(
                                table.at("rows").at(0).at("cells").at(0).at("is_header").as_bool());
                            for (int count : covered) {
                                BOOST_TEST(count == 1);
                            }
                        }
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(google_gives_no_indices_and_one_header_row) {
    launch_params params;
    const auto file = pdf_file(3);
    const auto result = run("ocr/ocr_tables_async", "google", params, &file);
    for (const auto& page : result.fields.at("pages").as_array()) {
        for (const auto& table : page.at("tables").as_array()) {
            const auto& rows = table.at("rows").as_array();
            BOOST_TEST(static_cast<std::size_t>(table.at("num_rows").as_int64()) == rows.size());
            for (std::size_t r = 0; r < rows.size(); ++r) {
                const auto& cells = rows[r].at("cells").as_array();
                BOOST_TEST(cells.size() ==
                           static_cast<std::size_t>(table.at("num_cols").as_int64()));
                for (const auto& cell : cells) {
                    BOOST_TEST(cell.at("row_index").is_null());
                    BOOST_TEST(cell.at("col_index").is_null());
                    BOOST_TEST(cell.at("is_header").as_bool() == (r == 0));
                    BOOST_TEST(cell.at("text").as_string().ends_with("\n"));
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_language_changes_header_words_but_not_the_body) {
    launch_params english;
    english.set("language", "en");
    launch_params french;
    french.set("language", "fr-FR");
    const auto file = pdf_file(2);
    const auto texts = [&](const launch_params& params, bool headers) {
        std::vector<std::string> out;
        const auto result = run("ocr/ocr_tables_async", "microsoft", params, &file);
        for (const auto& page : result.fields.at("pages").as_array()) {
            for (const auto& table : page.at("tables").as_array()) {
                for (const auto& row : table.at("rows").as_array()) {
                    for (const auto& cell : row.at("cells").as_array()) {
                        if (cell.at("is_header").as_bool() == headers) {
                            out.emplace_back(cell.at("text").as_string());
                        }
                    }
                }
            }
        }
        return out;
    };
    BOOST_TEST(texts(english, false) == texts(french, false));
    BOOST_TEST(texts(english, true) != texts(french, true));
    BOOST_TEST(texts(english, true) == texts(launch_params{}, true));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(custom_document_parsing_async_generators)

BOOST_AUTO_TEST_CASE(every_provider_answers_each_query_in_order) {
    launch_params params;
    params.set("queries",
               R"([{"query": "What is the email address?", "pages": "2-3"},)"
               R"( {"query": "Who signed the contract?", "pages": "1"},)"
               R"( {"query": "What is the total amount due?"}])");
    for (const auto& provider : providers_of("ocr/custom_document_parsing_async")) {
        for (const auto& [label, file] : inputs()) {
            BOOST_TEST_CONTEXT(provider << " on " << label) {
                const auto result =
                    run("ocr/custom_document_parsing_async", provider, params, pointer(file));
                BOOST_TEST(keys_of(result.fields) == key_list{"items"});
                const auto& items = result.fields.at("items").as_array();
                BOOST_REQUIRE(items.size() == 3U);
                BOOST_TEST(items[0].at("query").as_string() == "What is the email address?");
                BOOST_TEST(items[1].at("query").as_string() == "Who signed the contract?");
                BOOST_TEST(items[2].at("query").as_string() == "What is the total amount due?");
                BOOST_TEST(std::string_view{items[0].at("value").as_string()}.find('@') !=
                           std::string_view::npos);
                BOOST_TEST(items[2].at("value").as_string().starts_with("$"));
                const auto pages = file && file->page_count ? *file->page_count : 3U;
                for (const auto& item : items) {
                    BOOST_TEST(keys_of(item.as_object()) ==
                               (key_list{"confidence", "value", "query", "bounding_box", "page"}));
                    BOOST_TEST(item.at("confidence").is_double());
                    BOOST_TEST(!item.at("value").as_string().empty());
                    check_box_in_page(item.at("bounding_box"));
                    const auto page = item.at("page").as_int64();
                    if (provider == "extracta") {
                        BOOST_TEST(page == 0);
                        BOOST_TEST(item.at("confidence").as_double() == 1.0);
                    } else {
                        BOOST_TEST(page >= 1);
                        BOOST_TEST(page <= static_cast<std::int64_t>(pages));
                        BOOST_TEST(item.at("confidence").as_double() >= 60.0);
                    }
                }
                if (provider == "amazon" && file && file->page_count == 7U) {
                    const auto page = items[0].at("page").as_int64();
                    BOOST_TEST((page == 2 || page == 3));
                    BOOST_TEST(items[1].at("page").as_int64() == 1);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(queries_are_read_in_every_accepted_format) {
    using emu::fake::ocr::parse_queries;
    const auto json = parse_queries(R"([{"query":"a?","pages":"1-3"},{"query":"b?","pages":2}])");
    BOOST_REQUIRE(json.size() == 2U);
    BOOST_TEST(json[0].query == "a?");
    BOOST_TEST(json[0].pages == "1-3");
    BOOST_TEST(json[1].pages == "2");
    const auto python =
        parse_queries("[{'query':'What is the resume's email?','pages':'1'},{'query':'Name?'}]");
    BOOST_REQUIRE(python.size() == 2U);
    BOOST_TEST(python[0].query == "What is the resume's email?");
    BOOST_TEST(python[0].pages == "1");
    BOOST_TEST(python[1].query == "Name?");
    const auto strings = parse_queries(R"(["first?", "second?"])");
    BOOST_REQUIRE(strings.size() == 2U);
    BOOST_TEST(strings[1].query == "second?");
    const auto commas = parse_queries(" invoice number , total ,, date ");
    BOOST_REQUIRE(commas.size() == 3U);
    BOOST_TEST(commas[0].query == "invoice number");
    BOOST_TEST(commas[2].query == "date");
    const auto lines = parse_queries("Who is the buyer, and where?\nWhat is the date?");
    BOOST_REQUIRE(lines.size() == 2U);
    BOOST_TEST(lines[0].query == "Who is the buyer, and where?");
    BOOST_TEST(parse_queries("  ").empty());
}

BOOST_AUTO_TEST_CASE(page_ranges_are_clamped_to_the_document) {
    using emu::fake::ocr::page_choices;
    BOOST_TEST(page_choices("2-3", 5) == (std::vector<std::uint32_t>{2, 3}));
    BOOST_TEST(page_choices("1,4-9", 5) == (std::vector<std::uint32_t>{1, 4, 5}));
    BOOST_TEST(page_choices("7", 2) == (std::vector<std::uint32_t>{1, 2}));
    BOOST_TEST(page_choices("", 3) == (std::vector<std::uint32_t>{1, 2, 3}));
    BOOST_TEST(page_choices("3-1", 4) == (std::vector<std::uint32_t>{1, 2, 3}));
    BOOST_TEST(page_choices("x-y", 1) == (std::vector<std::uint32_t>{1}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(anonymization_async_generators)

BOOST_AUTO_TEST_CASE(every_provider_returns_a_document_and_its_url) {
    launch_params params;
    for (const auto& provider : providers_of("ocr/anonymization_async")) {
        for (const auto& [label, file] : inputs()) {
            BOOST_TEST_CONTEXT(provider << " on " << label) {
                const auto result = run("ocr/anonymization_async", provider, params, pointer(file));
                BOOST_TEST(keys_of(result.fields) == (key_list{"document", "document_url"}));
                BOOST_TEST(result.media_field == "document");
                BOOST_TEST(result.fields.at("document_url").as_string() ==
                           std::string{url_base} + "/document.pdf");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_document_is_a_pdf_whose_xref_offsets_point_at_objects) {
    launch_params params;
    for (const auto& provider : providers_of("ocr/anonymization_async")) {
        for (const auto& [label, file] : inputs()) {
            BOOST_TEST_CONTEXT(provider << " on " << label) {
                const auto pdf = decoded_document(
                    run("ocr/anonymization_async", provider, params, pointer(file)));
                BOOST_TEST(pdf.starts_with("%PDF-"));
                BOOST_TEST(pdf.ends_with("%%EOF\n"));
                const auto startxref = pdf.rfind("startxref\n");
                BOOST_REQUIRE(startxref != std::string::npos);
                std::size_t xref = 0;
                const auto digits = pdf.data() + startxref + 10;
                std::from_chars(digits, pdf.data() + pdf.size(), xref);
                BOOST_REQUIRE(pdf.compare(xref, 5, "xref\n") == 0);
                // "xref\n0 N\n" then N entries of 20 bytes; entry i points at "i 0 obj".
                std::size_t count = 0;
                const auto header_end = pdf.find('\n', xref + 5);
                std::from_chars(pdf.data() + xref + 7, pdf.data() + header_end, count);
                BOOST_REQUIRE(count > 4U);
                for (std::size_t i = 1; i < count; ++i) {
                    const auto entry = header_end + 1 + 20 * i;
                    std::size_t offset = 0;
                    std::from_chars(pdf.data() + entry, pdf.data() + entry + 10, offset);
                    const auto object = std::to_string(i) + " 0 obj";
                    BOOST_TEST(pdf.compare(offset, object.size(), object) == 0);
                }
                const auto pages = std::min<std::uint32_t>(expected_pages(file), 5);
                if (file && !file->from_url) {
                    BOOST_TEST(probed_pages(pdf) == pages);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(personal_data_is_masked_in_each_provider_style) {
    launch_params params;
    const auto file = pdf_file(3);
    const auto pdf_of = [&](std::string_view provider) {
        return decoded_document(run("ocr/anonymization_async", provider, params, &file));
    };
    for (const auto& provider : providers_of("ocr/anonymization_async")) {
        BOOST_TEST_CONTEXT(provider) {
            const auto pdf = pdf_of(provider);
            BOOST_TEST(pdf.find('@') == std::string::npos);   // no email address left
            BOOST_TEST(pdf.find("+1 ") == std::string::npos); // no phone number left
        }
    }
    BOOST_TEST(pdf_of("base64").find("([REDACTED])") != std::string::npos);
    BOOST_TEST(pdf_of("privateai").find("([NAME_1])") != std::string::npos);
    BOOST_TEST(pdf_of("readyredact").find(" re f\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(long_inputs_are_capped_at_five_pages) {
    launch_params params;
    const auto file = pdf_file(40);
    const auto pdf = decoded_document(run("ocr/anonymization_async", "readyredact", params, &file));
    BOOST_TEST(probed_pages(pdf) == 5U);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ocr_generator_determinism)

BOOST_AUTO_TEST_CASE(same_request_gives_the_same_bytes_and_another_job_other_bytes) {
    launch_params params;
    params.set("queries", R"([{"query": "What is the invoice number?"}, {"query": "Who?"}])");
    params.set("language", "de");
    for (const auto& [feature, providers] : emu::testing::features_under("ocr/")) {
        for (const auto& provider : providers) {
            for (const auto& [label, file] : inputs()) {
                for (bool original : {false, true}) {
                    BOOST_TEST_CONTEXT(feature << " " << provider << " on " << label) {
                        const auto first = serialized(
                            run(feature, provider, params, pointer(file), "job-1", original));
                        const auto again = serialized(
                            run(feature, provider, params, pointer(file), "job-1", original));
                        const auto other = serialized(
                            run(feature, provider, params, pointer(file), "job-2", original));
                        BOOST_TEST(first == again);
                        BOOST_TEST(first != other);
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(original_response_is_filled_only_when_asked) {
    launch_params params;
    params.set("queries", "total");
    const auto file = pdf_file(2);
    for (const auto& [feature, providers] : emu::testing::features_under("ocr/")) {
        for (const auto& provider : providers) {
            BOOST_TEST_CONTEXT(feature << " " << provider) {
                const auto with = run(feature, provider, params, &file, "job-1", true);
                const auto without = run(feature, provider, params, &file, "job-1", false);
                BOOST_TEST(!with.original_response.is_null());
                BOOST_TEST(without.original_response.is_null());
                BOOST_TEST(boost::json::serialize(with.fields) ==
                           boost::json::serialize(without.fields));
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(pdf_probe)

BOOST_AUTO_TEST_CASE(counts_pages_from_the_root_page_tree_in_both_spacings) {
    BOOST_TEST(probed_pages(hand_made_pdf(7, false, true)) == 7U);
    BOOST_TEST(probed_pages(hand_made_pdf(3, true, true)) == 3U);
}

BOOST_AUTO_TEST_CASE(prefers_the_root_count_over_the_leaves) {
    // A page tree that lists 12 pages while only 2 leaf objects made it into the file.
    std::string pdf =
        "%PDF-1.4\n1 0 obj\n<< /Type /Pages /Count 12 /Kids [2 0 R 3 0 R] >>\nendobj\n"
        "2 0 obj\n<< /Type /Pages /Count 5 /Parent 1 0 R >>\nendobj\n"
        "4 0 obj\n<< /Type /Page >>\nendobj\n5 0 obj\n<< /Type /Page >>\nendobj\n"
        "6 0 obj\n<< /Type /Outlines /Count 40 >>\nendobj\n";
    BOOST_TEST(probed_pages(pdf) == 12U);
}

BOOST_AUTO_TEST_CASE(falls_back_to_counting_page_objects_without_a_count) {
    BOOST_TEST(probed_pages(hand_made_pdf(4, false, false)) == 4U);
    BOOST_TEST(probed_pages(hand_made_pdf(6, true, false)) == 6U);
}

BOOST_AUTO_TEST_CASE(falls_back_to_the_linearization_dictionary) {
    const std::string pdf =
        "%PDF-1.5\n%\xE2\xE3\n1 0 obj\n<< /Linearized 1 /L 81234 /N 9 /T 80000 >>\n"
        "endobj\n2 0 obj\n<< /Type /ObjStm /N 30 /Filter /FlateDecode >>\nstream\n"
        "\x78\x9c\x01\x02\nendstream\nendobj\n";
    BOOST_TEST(probed_pages(pdf) == 9U);
}

BOOST_AUTO_TEST_CASE(accepts_a_header_after_some_junk_and_ignores_other_files) {
    BOOST_TEST(probed_pages(std::string(300, 'x') + hand_made_pdf(2, false, true)) == 2U);
    BOOST_TEST(!probed_pages(std::string(2000, 'x') + hand_made_pdf(2, false, true)));
    BOOST_TEST(!probed_pages("\x89PNG\r\n\x1a\n /Type /Page"));
    BOOST_TEST(!probed_pages(""));
    BOOST_TEST(!probed_pages("%PDF-"));
    BOOST_TEST(!probed_pages("%PDF-1.4 /Count 99999999999999999999 /Type /Pages"));
}

BOOST_AUTO_TEST_CASE(never_overcounts_on_any_truncation_of_a_valid_file) {
    const auto pdf = hand_made_pdf(5, false, true);
    for (std::size_t size = 0; size <= pdf.size(); ++size) {
        BOOST_TEST_CONTEXT("prefix of " << size << " bytes") {
            const auto pages = probed_pages(std::string_view{pdf}.substr(0, size));
            BOOST_TEST(pages <= 5U);
        }
    }
    BOOST_TEST(probed_pages(pdf) == 5U);
}

BOOST_AUTO_TEST_CASE(survives_garbage_and_multi_megabyte_input) {
    emu::fake::rng random{99};
    std::string garbage = "%PDF-1.7\n";
    for (int i = 0; i < 4'000'000; ++i) {
        // Mostly random bytes with PDF syntax sprinkled in, to hit every branch of the scanner.
        static constexpr std::string_view tokens[] = {
            "/Type", "/Page", "/Pages", " obj", "/N", "/Count", " 12", "endobj", "/Linearized"};
        if (random.chance(0.01)) {
            garbage += tokens[random.below(9)];
        } else {
            garbage.push_back(static_cast<char>(random.below(256)));
        }
    }
    const auto pages = probed_pages(garbage);
    BOOST_TEST(pages <= 1'000'000U);
    // The anonymizer's own output must probe back to its page count.
    launch_params params;
    const auto file = pdf_file(3);
    const auto pdf = decoded_document(run("ocr/anonymization_async", "base64", params, &file));
    BOOST_TEST(probed_pages(pdf) == 3U);
}

BOOST_AUTO_TEST_SUITE_END()
