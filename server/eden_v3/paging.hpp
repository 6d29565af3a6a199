#pragma once

#include "server/net/query_flags.hpp"
#include "server/net/v3_errors.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>

namespace emu::eden_v3 {

// The page a v3 list asks for: page >= 1 (default 1), limit 1..1000 (default 100).
struct paging {
    std::int64_t page = 1;
    std::int64_t limit = 100;
};

// Reads page and limit; a value out of range or not a whole number is FastAPI's 422 item.
paging read_paging(const net::query_flags& query, net::v3::request_errors& errors);

// {"items": the page's share of `items`, "total", "page", "limit", "total_pages"}, with
// total_pages = ceil(total / limit) (0 for no items).
boost::json::object page_of(boost::json::array items, const paging& paging);

} // namespace emu::eden_v3
