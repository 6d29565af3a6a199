#pragma once

#include "server/net/http_types.hpp"
#include "server/net/route_table.hpp"

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace emu::net {

// The near-miss hints of requests the route table has no route for (404), or no route of their
// method for (405): the nearest route's path, or, when none is near, the surface's guide (the
// list of the surface's paths when the guide is empty). Reads the table once, at construction,
// and remembers the hints of the last 1,024 distinct misses (a client polling a wrong URL costs
// one search). Thread-safe.
class route_hints {
public:
    explicit route_hints(const route_table& table);

    // `match` is the table's match of that method and path.
    std::string miss(http::verb method, std::string_view path, const route_match& match) const;

    using segment_list = std::vector<std::string_view>;

private:
    // One path of the table, cut into segments, with the methods it answers in table order.
    struct table_path {
        std::string_view pattern;
        std::vector<std::string_view> methods;
        segment_list segments;
        std::size_t literal = 0;    // characters of its literal segments
        std::string_view last_word; // its last literal segment

        bool answers(http::verb method) const;
    };

    // The nearest path other than `except` (only those answering `method` when `must_answer`;
    // else, among equally near ones, those answering it first); nullptr when none is near.
    const table_path* nearest(const segment_list& asked,
                              http::verb method,
                              std::string_view except,
                              bool must_answer) const;

    // "GET /v2/ocr/ocr_async", or "/v2/ocr/ocr_async (it takes POST, GET)" when it does not
    // answer the method asked.
    static std::string suggestion(const table_path& near, http::verb method);

    // The hint, searched for.
    std::string search(http::verb method, std::string_view path, const route_match& match) const;

    std::vector<table_path> paths_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, std::string> remembered_; // "GET /path" -> hint
};

// How far a request path is from a route pattern, in edits: segments are compared by
// support::edit_distance, a {parameter} takes any segment, a missing segment costs its length
// plus one (4 for a parameter), an extra one at most 4, and a segment that starts or ends the
// pattern's (a missing "_async") costs 2. Exposed for tests.
std::size_t path_distance(std::string_view path, std::string_view pattern);

} // namespace emu::net
