#include "fake_providers/ocr/document_queries.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <charconv>
#include <optional>
#include <system_error>

namespace emu::fake::ocr {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

// A JSON value as text: strings as they are, numbers as written.
std::string as_text(const boost::json::value& value) {
    if (const auto* text = value.if_string()) {
        return std::string{text->c_str(), text->size()};
    }
    if (value.is_int64()) {
        return std::to_string(value.as_int64());
    }
    return {};
}

std::optional<std::vector<document_query>> from_json(std::string_view text) {
    std::error_code error;
    const auto parsed = boost::json::parse(text, error);
    if (error || !parsed.is_array()) {
        return std::nullopt;
    }
    std::vector<document_query> out;
    for (const auto& item : parsed.get_array()) {
        document_query query;
        if (const auto* object = item.if_object()) {
            if (const auto* q = object->if_contains("query")) {
                query.query = as_text(*q);
            }
            if (const auto* pages = object->if_contains("pages")) {
                query.pages = as_text(*pages);
            }
        } else {
            query.query = as_text(item);
        }
        query.query = std::string{trimmed(query.query)};
        if (!query.query.empty()) {
            out.push_back(std::move(query));
        }
    }
    return out;
}

// Reads a quoted value starting at text[at] (either quote style). A single-quoted value ends at
// a quote followed by ',', '}' or ']' so that apostrophes inside ("resume's") survive.
std::string quoted_value(std::string_view text, std::size_t& at) {
    const char quote = text[at++];
    std::string out;
    while (at < text.size()) {
        const char c = text[at];
        if (c == '\\' && at + 1 < text.size()) {
            out.push_back(text[at + 1]);
            at += 2;
            continue;
        }
        if (c == quote) {
            std::size_t next = at + 1;
            while (next < text.size() && is_space(text[next])) {
                ++next;
            }
            if (quote == '"' || next >= text.size() || text[next] == ',' || text[next] == '}' ||
                text[next] == ']' || text[next] == ':') {
                ++at;
                return out;
            }
        }
        out.push_back(c);
        ++at;
    }
    return out;
}

// Python-literal style list of dicts: [{'query': '...', 'pages': '1-2'}, ...].
std::vector<document_query> from_python_literal(std::string_view text) {
    std::vector<document_query> out;
    std::optional<document_query> current;
    std::string key;
    bool expecting_value = false;
    for (std::size_t at = 0; at < text.size();) {
        const char c = text[at];
        if (c == '{') {
            current = document_query{};
            ++at;
        } else if (c == '}') {
            if (current && !trimmed(current->query).empty()) {
                current->query = std::string{trimmed(current->query)};
                out.push_back(std::move(*current));
            }
            current.reset();
            ++at;
        } else if (c == ':') {
            expecting_value = true;
            ++at;
        } else if (c == '\'' || c == '"') {
            auto value = quoted_value(text, at);
            if (!current) {
                out.push_back({std::string{trimmed(value)}, {}});
            } else if (!expecting_value) {
                key = std::move(value);
            } else {
                if (key == "query") {
                    current->query = std::move(value);
                } else if (key == "pages") {
                    current->pages = std::move(value);
                }
                expecting_value = false;
            }
        } else if (c == ',' && !current) {
            ++at;
        } else if (!is_space(c) && expecting_value && current && key == "pages") {
            // An unquoted number: 'pages': 2
            std::size_t end = at;
            while (end < text.size() && text[end] != ',' && text[end] != '}') {
                ++end;
            }
            current->pages = std::string{trimmed(text.substr(at, end - at))};
            expecting_value = false;
            at = end;
        } else {
            ++at;
        }
    }
    out.erase(std::remove_if(
                  out.begin(), out.end(), [](const document_query& q) { return q.query.empty(); }),
              out.end());
    return out;
}

} // namespace

std::vector<document_query> parse_queries(std::string_view text) {
    text = trimmed(text);
    if (!text.empty() && text.front() == '[') {
        if (auto parsed = from_json(text)) {
            return *parsed;
        }
        auto literal = from_python_literal(text);
        if (!literal.empty()) {
            return literal;
        }
    }
    std::vector<document_query> out;
    const char separator = text.find('\n') != std::string_view::npos ? '\n' : ',';
    while (!text.empty()) {
        const auto end = text.find(separator);
        const auto item = trimmed(text.substr(0, end));
        if (!item.empty()) {
            out.push_back({std::string{item}, {}});
        }
        if (end == std::string_view::npos) {
            break;
        }
        text.remove_prefix(end + 1);
    }
    return out;
}

std::vector<std::uint32_t> page_choices(std::string_view pages, std::uint32_t page_count) {
    std::vector<bool> chosen(page_count + 1, false);
    const auto number = [](std::string_view digits) {
        std::uint32_t value = 0;
        digits = trimmed(digits);
        const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        return parsed.ec == std::errc{} ? value : 0U;
    };
    while (!pages.empty()) {
        const auto end = pages.find(',');
        const auto part = pages.substr(0, end);
        const auto dash = part.find('-');
        std::uint32_t first = number(part.substr(0, dash));
        std::uint32_t last = dash == std::string_view::npos ? first : number(part.substr(dash + 1));
        if (first > last) {
            std::swap(first, last);
        }
        for (std::uint32_t p = std::max(first, 1U); p <= std::min(last, page_count); ++p) {
            chosen[p] = true;
        }
        if (end == std::string_view::npos) {
            break;
        }
        pages.remove_prefix(end + 1);
    }
    std::vector<std::uint32_t> out;
    for (std::uint32_t p = 1; p <= page_count; ++p) {
        if (chosen[p]) {
            out.push_back(p);
        }
    }
    if (out.empty()) {
        for (std::uint32_t p = 1; p <= page_count; ++p) {
            out.push_back(p);
        }
    }
    return out;
}

} // namespace emu::fake::ocr
