#include "server/eden_v3/paging.hpp"

#include <charconv>

namespace emu::eden_v3 {
namespace {

namespace json = boost::json;

constexpr std::int64_t max_limit = 1000;

// One bounded integer query parameter, as FastAPI's Query(ge=, le=) checks it.
std::int64_t bounded(const net::query_flags& query,
                     std::string_view name,
                     std::int64_t fallback,
                     std::int64_t low,
                     std::optional<std::int64_t> high,
                     net::v3::request_errors& errors) {
    const auto text = query.text(name);
    if (!text) {
        return fallback;
    }
    std::int64_t value = 0;
    const auto* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    const json::array loc{"query", name};
    if (ec != std::errc{} || ptr != end) {
        errors.add(loc,
                   "int_parsing",
                   "Input should be a valid integer, unable to parse string as an integer",
                   json::string{*text});
        return fallback;
    }
    if (value < low) {
        errors.add(loc,
                   "greater_than_equal",
                   "Input should be greater than or equal to " + std::to_string(low),
                   json::string{*text});
        return fallback;
    }
    if (high && value > *high) {
        errors.add(loc,
                   "less_than_equal",
                   "Input should be less than or equal to " + std::to_string(*high),
                   json::string{*text});
        return fallback;
    }
    return value;
}

} // namespace

paging read_paging(const net::query_flags& query, net::v3::request_errors& errors) {
    const paging defaults;
    return {bounded(query, "page", defaults.page, 1, std::nullopt, errors),
            bounded(query, "limit", defaults.limit, 1, max_limit, errors)};
}

json::object page_of(json::array items, const paging& paging) {
    const auto total = static_cast<std::int64_t>(items.size());
    json::array shown;
    // page * limit cannot overflow once page is past the end: compare before multiplying.
    if (paging.page - 1 < (total + paging.limit - 1) / paging.limit) {
        const auto first = static_cast<std::size_t>((paging.page - 1) * paging.limit);
        const auto last = std::min(items.size(), first + static_cast<std::size_t>(paging.limit));
        for (auto i = first; i < last; ++i) {
            shown.push_back(std::move(items[i]));
        }
    }
    return {{"items", std::move(shown)},
            {"total", total},
            {"page", paging.page},
            {"limit", paging.limit},
            {"total_pages", (total + paging.limit - 1) / paging.limit}};
}

} // namespace emu::eden_v3
