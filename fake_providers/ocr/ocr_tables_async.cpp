#include "fake_providers/deterministic.hpp"
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

// Pages after this one carry no tables, so results of long PDFs stay modest.
constexpr std::uint32_t max_pages_with_tables = 20;

// What the tables are about; each theme has its own columns and value kinds.
enum class table_theme { stations, inventory, staff };

constexpr std::array<std::string_view, 6> languages{"en", "fr", "es", "de", "it", "pt"};

// Header words per theme (4 columns; for stations the 4th is the "Year" group) and language.
constexpr std::array<std::array<std::array<std::string_view, 4>, 6>, 3> headers{{
    {{{"Station", "Latitude", "Longitude", "Year"},
      {"Station", "Latitude", "Longitude", "Année"},
      {"Estación", "Latitud", "Longitud", "Año"},
      {"Station", "Breitengrad", "Längengrad", "Jahr"},
      {"Stazione", "Latitudine", "Longitudine", "Anno"},
      {"Estação", "Latitude", "Longitude", "Ano"}}},
    {{{"Item", "Quantity", "Unit price", "Total"},
      {"Article", "Quantité", "Prix unitaire", "Total"},
      {"Artículo", "Cantidad", "Precio unitario", "Total"},
      {"Artikel", "Menge", "Stückpreis", "Summe"},
      {"Articolo", "Quantità", "Prezzo unitario", "Totale"},
      {"Item", "Quantidade", "Preço unitário", "Total"}}},
    {{{"Name", "Department", "Start date", "City"},
      {"Nom", "Service", "Date d'entrée", "Ville"},
      {"Nombre", "Departamento", "Fecha de inicio", "Ciudad"},
      {"Name", "Abteilung", "Startdatum", "Stadt"},
      {"Nome", "Reparto", "Data di inizio", "Città"},
      {"Nome", "Departamento", "Data de início", "Cidade"}}},
}};

constexpr std::array<std::string_view, 12> products{"Desk lamp",
                                                    "Office chair",
                                                    "Printer paper",
                                                    "USB cable",
                                                    "Monitor",
                                                    "Keyboard",
                                                    "Notebook",
                                                    "Stapler",
                                                    "Toner cartridge",
                                                    "Headset",
                                                    "Webcam",
                                                    "Whiteboard"};

constexpr std::array<std::string_view, 10> departments{"Finance",
                                                       "Sales",
                                                       "Legal",
                                                       "Marketing",
                                                       "Operations",
                                                       "Research",
                                                       "Support",
                                                       "Engineering",
                                                       "Logistics",
                                                       "Human Resources"};

// A cell of the logical table; merged header cells span several grid positions.
struct grid_cell {
    std::string text;
    int row = 0;
    int col = 0;
    int row_span = 1;
    int col_span = 1;
    bool header = false;
};

// A table as the document holds it: a grid, its merged cells and where it sits (normalized).
struct table_model {
    int rows = 0;
    int cols = 0;
    int header_rows = 1;
    int group_first_col = -1; // first column under a spanning group header, or -1
    std::vector<grid_cell> cells;
    std::vector<double> col_left; // num_cols + 1 edges
    std::vector<double> row_top;  // num_rows + 1 edges
};

// A table of each page; pages keep their order.
using table_pages = std::vector<std::vector<table_model>>;

std::size_t language_index(const generation_request& request) {
    const auto requested = request.params.get("language");
    if (!requested || requested->size() < 2) {
        return 0;
    }
    std::string code;
    for (char c : requested->substr(0, 2)) {
        code.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    const auto found = std::find(languages.begin(), languages.end(), code);
    return found == languages.end() ? 0 : static_cast<std::size_t>(found - languages.begin());
}

std::string fixed(double value, int decimals) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

// The body values of one row for a theme.
std::vector<std::string> body_row(table_theme theme, int cols, rng& random) {
    std::vector<std::string> values;
    switch (theme) {
    case table_theme::stations:
        values.emplace_back(random_city(random));
        values.push_back(fixed(random.uniform(20.0, 60.0), 2));
        values.push_back(fixed(random.uniform(-10.0, 80.0), 2));
        while (static_cast<int>(values.size()) < cols) {
            values.push_back(random.chance(0.3) ? fixed(random.uniform(300.0, 1100.0), 1)
                                                : std::to_string(random.between(300, 1100)));
        }
        break;
    case table_theme::inventory: {
        const auto quantity = random.between(1, 50);
        const auto unit_cents = random.between(150, 25000);
        values.emplace_back(products[random.below(products.size())]);
        values.push_back(std::to_string(quantity));
        values.push_back(fixed(static_cast<double>(unit_cents) / 100.0, 2));
        values.push_back(fixed(static_cast<double>(unit_cents * quantity) / 100.0, 2));
        break;
    }
    case table_theme::staff: {
        const auto someone = random_person(random);
        values.push_back(someone.first + " " + someone.last);
        values.emplace_back(departments[random.below(departments.size())]);
        char date[16];
        std::snprintf(date,
                      sizeof date,
                      "%04d-%02d-%02d",
                      static_cast<int>(random.between(2012, 2024)),
                      static_cast<int>(random.between(1, 12)),
                      static_cast<int>(random.between(1, 28)));
        values.emplace_back(date);
        values.emplace_back(random_city(random));
        break;
    }
    }
    return values;
}

// Builds one table: header row(s) first, then 3-8 body rows, placed from top down the page.
table_model make_table(std::size_t language, double top, rng& random) {
    const auto theme = static_cast<table_theme>(random.below(3));
    const auto& words = headers[static_cast<std::size_t>(theme)][language];
    table_model table;
    const int body_rows = static_cast<int>(random.between(3, 8));
    if (theme == table_theme::stations) {
        // "Year" spans 2-4 year columns under it, as in Eden's sample table.
        const int years = static_cast<int>(random.between(2, 4));
        table.cols = 3 + years;
        table.header_rows = 2;
        table.group_first_col = 3;
        for (int c = 0; c < 3; ++c) {
            table.cells.push_back(
                {std::string{words[static_cast<std::size_t>(c)]}, 0, c, 2, 1, true});
        }
        table.cells.push_back({std::string{words[3]}, 0, 3, 1, years, true});
        int year = static_cast<int>(random.between(1990, 2010));
        for (int c = 3; c < table.cols; ++c) {
            table.cells.push_back({std::to_string(year), 1, c, 1, 1, true});
            year += static_cast<int>(random.between(1, 6));
        }
    } else {
        table.cols = 4;
        for (int c = 0; c < 4; ++c) {
            table.cells.push_back(
                {std::string{words[static_cast<std::size_t>(c)]}, 0, c, 1, 1, true});
        }
    }
    table.rows = table.header_rows + body_rows;
    for (int r = table.header_rows; r < table.rows; ++r) {
        auto values = body_row(theme, table.cols, random);
        for (int c = 0; c < table.cols; ++c) {
            table.cells.push_back(
                {std::move(values[static_cast<std::size_t>(c)]), r, c, 1, 1, false});
        }
    }
    const double left = random.uniform(0.06, 0.12);
    const double width = random.uniform(0.70, 0.82);
    std::vector<double> weights;
    double total = 0;
    for (int c = 0; c < table.cols; ++c) {
        weights.push_back(random.uniform(1.0, 2.0));
        total += weights.back();
    }
    table.col_left.push_back(left);
    for (double weight : weights) {
        table.col_left.push_back(table.col_left.back() + width * weight / total);
    }
    table.row_top.push_back(top);
    for (int r = 0; r < table.rows; ++r) {
        const double height =
            r < table.header_rows ? random.uniform(0.03, 0.04) : random.uniform(0.022, 0.032);
        table.row_top.push_back(table.row_top.back() + height);
    }
    return table;
}

// The tables of the document: 1-2 on the first page, 0-2 on the next ones, stacked so that each
// ends above the bottom margin.
table_pages document_tables(const generation_request& request, std::uint32_t pages) {
    auto random = document_rng(request, "tables");
    const auto language = language_index(request);
    table_pages out(pages);
    for (std::uint32_t p = 0; p < pages && p < max_pages_with_tables; ++p) {
        const auto wanted = random.between(p == 0 ? 1 : 0, 2);
        double top = random.uniform(0.08, 0.25);
        for (std::int64_t t = 0; t < wanted; ++t) {
            auto table = make_table(language, top, random);
            if (table.row_top.back() > 0.95 && !out[p].empty()) {
                break;
            }
            top = table.row_top.back() + random.uniform(0.05, 0.1);
            out[p].push_back(std::move(table));
        }
    }
    return out;
}

boost::json::object
cell_box(const table_model& table, int row, int col, int row_span, int col_span) {
    const auto r = static_cast<std::size_t>(row);
    const auto c = static_cast<std::size_t>(col);
    const auto r_end = static_cast<std::size_t>(row + row_span);
    const auto c_end = static_cast<std::size_t>(col + col_span);
    return box_json(table.col_left[c],
                    table.row_top[r],
                    table.col_left[c_end] - table.col_left[c],
                    table.row_top[r_end] - table.row_top[r],
                    8);
}

boost::json::object cell_json(std::string text,
                              boost::json::value row_index,
                              boost::json::value col_index,
                              int row_span,
                              int col_span,
                              double confidence,
                              boost::json::object box,
                              bool header) {
    boost::json::object cell;
    cell["text"] = std::move(text);
    cell["row_index"] = std::move(row_index);
    cell["col_index"] = std::move(col_index);
    cell["row_span"] = row_span;
    cell["col_span"] = col_span;
    cell["confidence"] = confidence;
    cell["bounding_box"] = std::move(box);
    cell["is_header"] = header;
    return cell;
}

boost::json::object table_json(boost::json::array rows, std::size_t num_rows, int num_cols) {
    boost::json::object table;
    table["rows"] = std::move(rows);
    table["num_rows"] = json_int(num_rows);
    table["num_cols"] = num_cols;
    return table;
}

// Document Intelligence keeps merged cells whole: a cell is listed in the row it starts in.
boost::json::object microsoft_table(const table_model& table, rng& random) {
    boost::json::array rows;
    for (int r = 0; r < table.rows; ++r) {
        boost::json::array cells;
        for (const auto& cell : table.cells) {
            if (cell.row != r) {
                continue;
            }
            cells.push_back(
                cell_json(cell.text,
                          cell.row,
                          cell.col,
                          cell.row_span,
                          cell.col_span,
                          round_to(random.uniform(0.95, 0.999), 3),
                          cell_box(table, cell.row, cell.col, cell.row_span, cell.col_span),
                          cell.header));
        }
        rows.push_back(boost::json::object{{"cells", std::move(cells)}});
    }
    return table_json(std::move(rows), static_cast<std::size_t>(table.rows), table.cols);
}

const grid_cell& covering(const table_model& table, int row, int col) {
    for (const auto& cell : table.cells) {
        if (row >= cell.row && row < cell.row + cell.row_span && col >= cell.col &&
            col < cell.col + cell.col_span) {
            return cell;
        }
    }
    return table.cells.front(); // unreachable: the grid is fully covered by construction
}

// Textract repeats a merged cell's text in every grid position it covers.
boost::json::object amazon_table(const table_model& table, rng& random) {
    boost::json::array rows;
    for (int r = 0; r < table.rows; ++r) {
        boost::json::array cells;
        for (int c = 0; c < table.cols; ++c) {
            const auto& cell = covering(table, r, c);
            // Textract confidences are coarse binary fractions (e.g. 0.9658203125 = 989/1024).
            const double confidence = static_cast<double>(random.between(870, 1000)) / 1024.0;
            cells.push_back(cell_json(
                cell.text, r, c, 1, 1, confidence, cell_box(table, r, c, 1, 1), cell.header));
        }
        rows.push_back(boost::json::object{{"cells", std::move(cells)}});
    }
    return table_json(std::move(rows), static_cast<std::size_t>(table.rows), table.cols);
}

// Document AI folds the header rows into one, gives no indices and ends each text with "\n".
boost::json::object google_table(const table_model& table, rng& random) {
    boost::json::array rows;
    boost::json::array header;
    for (int c = 0; c < table.cols; ++c) {
        std::string text = covering(table, table.header_rows - 1, c).text;
        if (c == table.group_first_col) {
            text = covering(table, 0, c).text + "\n" + text;
        }
        header.push_back(cell_json(text + "\n",
                                   nullptr,
                                   nullptr,
                                   1,
                                   1,
                                   round_to(random.uniform(0.999, 0.99999), 8),
                                   cell_box(table, 0, c, table.header_rows, 1),
                                   true));
    }
    rows.push_back(boost::json::object{{"cells", std::move(header)}});
    for (int r = table.header_rows; r < table.rows; ++r) {
        boost::json::array cells;
        for (int c = 0; c < table.cols; ++c) {
            cells.push_back(cell_json(covering(table, r, c).text + "\n",
                                      nullptr,
                                      nullptr,
                                      1,
                                      1,
                                      round_to(random.uniform(0.999, 0.99999), 8),
                                      cell_box(table, r, c, 1, 1),
                                      false));
        }
        rows.push_back(boost::json::object{{"cells", std::move(cells)}});
    }
    const auto num_rows = rows.size();
    return table_json(std::move(rows), num_rows, table.cols);
}

using table_renderer = boost::json::object (*)(const table_model&, rng&);

generated_result
tables_result(const generation_request& request, const table_pages& tables, table_renderer render) {
    auto random = rng::for_result(request, "table_confidence");
    boost::json::array pages;
    for (const auto& page : tables) {
        boost::json::array page_tables;
        for (const auto& table : page) {
            page_tables.push_back(render(table, random));
        }
        pages.push_back(boost::json::object{{"tables", std::move(page_tables)}});
    }
    generated_result result;
    result.fields["pages"] = std::move(pages);
    result.fields["num_pages"] = json_int(tables.size());
    return result;
}

// Textract AnalyzeDocument (TABLES): TABLE and CELL blocks with 1-based indices.
boost::json::value textract_tables(const generation_request& request, const table_pages& tables) {
    boost::json::array blocks;
    std::uint64_t next_id = 0;
    for (std::size_t p = 0; p < tables.size(); ++p) {
        for (const auto& table : tables[p]) {
            const auto table_id = derived_uuid(request, "table" + std::to_string(next_id++));
            boost::json::array cell_ids;
            boost::json::array cells;
            for (const auto& cell : table.cells) {
                const auto cell_id = derived_uuid(request, "cell" + std::to_string(next_id++));
                cell_ids.push_back(boost::json::value(cell_id));
                boost::json::object block{{"BlockType", "CELL"},
                                          {"Id", cell_id},
                                          {"RowIndex", cell.row + 1},
                                          {"ColumnIndex", cell.col + 1},
                                          {"RowSpan", cell.row_span},
                                          {"ColumnSpan", cell.col_span},
                                          {"Page", json_int(p + 1)}};
                if (cell.header) {
                    block["EntityTypes"] = boost::json::array{"COLUMN_HEADER"};
                }
                cells.push_back(std::move(block));
            }
            blocks.push_back(boost::json::object{
                {"BlockType", "TABLE"},
                {"Id", table_id},
                {"Page", json_int(p + 1)},
                {"Relationships",
                 boost::json::array{boost::json::object{{"Type", "CHILD"}, {"Ids", cell_ids}}}}});
            for (auto& cell : cells) {
                blocks.push_back(std::move(cell));
            }
        }
    }
    return boost::json::array{
        boost::json::object{{"DocumentMetadata", {{"Pages", json_int(tables.size())}}},
                            {"JobStatus", "SUCCEEDED"},
                            {"Blocks", std::move(blocks)}}};
}

// Document AI form parser document: header and body rows with text anchors.
boost::json::value document_ai_tables(const table_pages& tables) {
    boost::json::array pages;
    for (std::size_t p = 0; p < tables.size(); ++p) {
        boost::json::array page_tables;
        for (const auto& table : tables[p]) {
            boost::json::array header_rows;
            boost::json::array body_rows;
            for (int r = 0; r < table.rows; ++r) {
                boost::json::array cells;
                for (const auto& cell : table.cells) {
                    if (cell.row == r) {
                        cells.push_back(boost::json::object{
                            {"layout",
                             boost::json::object{{"textAnchor", {{"content", cell.text + "\n"}}}}},
                            {"rowSpan", cell.row_span},
                            {"colSpan", cell.col_span}});
                    }
                }
                auto& target = r < table.header_rows ? header_rows : body_rows;
                target.push_back(boost::json::object{{"cells", std::move(cells)}});
            }
            page_tables.push_back(boost::json::object{{"headerRows", std::move(header_rows)},
                                                      {"bodyRows", std::move(body_rows)}});
        }
        pages.push_back(boost::json::object{{"pageNumber", json_int(p + 1)},
                                            {"tables", std::move(page_tables)}});
    }
    return boost::json::object{{"pages", std::move(pages)}};
}

// Document Intelligence prebuilt-layout: tables with cell kinds, indices and spans.
boost::json::value document_intelligence_tables(const table_pages& tables) {
    boost::json::array out;
    for (std::size_t p = 0; p < tables.size(); ++p) {
        for (const auto& table : tables[p]) {
            boost::json::array cells;
            for (const auto& cell : table.cells) {
                cells.push_back(boost::json::object{
                    {"kind", cell.header ? "columnHeader" : "content"},
                    {"rowIndex", cell.row},
                    {"columnIndex", cell.col},
                    {"rowSpan", cell.row_span},
                    {"columnSpan", cell.col_span},
                    {"content", cell.text},
                    {"boundingRegions",
                     boost::json::array{boost::json::object{{"pageNumber", json_int(p + 1)}}}}});
            }
            out.push_back(boost::json::object{{"rowCount", table.rows},
                                              {"columnCount", table.cols},
                                              {"cells", std::move(cells)}});
        }
    }
    return boost::json::object{{"status", "succeeded"},
                               {"analyzeResult",
                                boost::json::object{{"apiVersion", "2024-02-29-preview"},
                                                    {"modelId", "prebuilt-layout"},
                                                    {"tables", std::move(out)}}}};
}

} // namespace

generated_result amazon_ocr_tables_async(const generation_request& request) {
    const auto tables = document_tables(request, page_count(request));
    auto result = tables_result(request, tables, amazon_table);
    if (request.original_response) {
        result.original_response = textract_tables(request, tables);
    }
    return result;
}

generated_result google_ocr_tables_async(const generation_request& request) {
    const auto tables = document_tables(request, page_count(request));
    auto result = tables_result(request, tables, google_table);
    if (request.original_response) {
        result.original_response = document_ai_tables(tables);
    }
    return result;
}

generated_result microsoft_ocr_tables_async(const generation_request& request) {
    const auto tables = document_tables(request, page_count(request));
    auto result = tables_result(request, tables, microsoft_table);
    if (request.original_response) {
        result.original_response = document_intelligence_tables(tables);
    }
    return result;
}

} // namespace emu::fake::ocr
