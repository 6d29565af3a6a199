#include "server/net/near_route.hpp"

#include "server/support/near_words.hpp"
#include "server/support/text.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <vector>

namespace emu::net {

namespace {

bool is_parameter(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::vector<std::string_view> segments_of(std::string_view path) {
    const path_segments cut{path};
    std::vector<std::string_view> result;
    for (std::size_t i = 0; i < cut.size(); ++i) {
        result.push_back(cut[i]);
    }
    return result;
}

// What replacing the request's segment by the pattern's costs.
std::size_t replacement_cost(std::string_view asked, std::string_view wanted) {
    if (is_parameter(wanted)) {
        return asked.empty() ? 1 : 0;
    }
    const auto distance = support::edit_distance(asked, wanted);
    const std::array<std::string_view, 1> one{wanted};
    if (distance > 2 && support::nearest_word(asked, one)) {
        return 2; // "speech_to_text" for "speech_to_text_async"
    }
    return distance;
}

// One path of the table with the methods it answers, in the table's order.
struct table_path {
    std::string_view pattern;
    std::vector<std::string_view> methods;

    bool answers(http::verb method) const {
        return std::find(methods.begin(), methods.end(), http::to_string(method)) != methods.end();
    }
};

std::vector<table_path> paths_under(const route_table& table, std::string_view prefix) {
    std::vector<table_path> result;
    for (const auto& row : table.routes()) {
        const std::string_view pattern = row.path.text();
        if (!pattern.starts_with(prefix)) {
            continue;
        }
        auto known = std::find_if(result.begin(), result.end(), [&](const auto& entry) {
            return entry.pattern == pattern;
        });
        if (known == result.end()) {
            known = result.insert(result.end(), {pattern, {}});
        }
        known->methods.push_back(http::to_string(row.method));
    }
    return result;
}

// Whether a route of that distance reads as a slip: at most a quarter of its literal text, and
// never more than 8 edits (at least 3 are always allowed).
bool near_enough(std::size_t distance, std::string_view pattern) {
    std::size_t literal = 0;
    for (const auto segment : segments_of(pattern)) {
        literal += is_parameter(segment) ? 0 : segment.size();
    }
    return distance <= std::clamp<std::size_t>(literal / 4, 3, 8);
}

// Whether the pattern's last literal segment is one of the path's segments: the feature is
// right, the rest of the path wrong ("/v2/audio/ocr_async" for "/v2/ocr/ocr_async").
bool same_last_word(std::string_view path, std::string_view pattern) {
    const auto wanted = segments_of(pattern);
    const auto last =
        std::find_if(wanted.rbegin(), wanted.rend(), [](auto s) { return !is_parameter(s); });
    if (last == wanted.rend() || last->size() < 4) {
        return false;
    }
    const auto asked = segments_of(path);
    return std::any_of(asked.begin(), asked.end(), [&](auto s) { return s == *last; });
}

// The nearest path of `candidates` other than `except` (only those answering `method` when
// `must_answer`; else, among equally near ones, those answering it first); nullptr when none is
// near.
const table_path* nearest_path(const std::vector<table_path>& candidates,
                               std::string_view path,
                               http::verb method,
                               std::string_view except,
                               bool must_answer) {
    const auto eligible = [&](const table_path& candidate) {
        return candidate.pattern != except && (!must_answer || candidate.answers(method));
    };
    const table_path* best = nullptr;
    auto best_cost = std::numeric_limits<std::size_t>::max();
    for (const auto& candidate : candidates) {
        const auto distance = path_distance(path, candidate.pattern);
        if (!eligible(candidate) || !near_enough(distance, candidate.pattern)) {
            continue;
        }
        // Twice the distance, plus one for a path that does not answer the method.
        const auto cost = 2 * distance + (candidate.answers(method) ? 0 : 1);
        if (cost < best_cost) {
            best = &candidate;
            best_cost = cost;
        }
    }
    if (best == nullptr) {
        const auto same = std::find_if(candidates.begin(), candidates.end(), [&](const auto& c) {
            return eligible(c) && same_last_word(path, c.pattern);
        });
        best = same == candidates.end() ? nullptr : &*same;
    }
    return best;
}

// "GET /v2/ocr/ocr_async", or "/v2/ocr/ocr_async (it takes POST, GET)" when it does not answer
// the method asked.
std::string suggestion(const table_path& near, http::verb method) {
    if (near.answers(method)) {
        return std::string{http::to_string(method)} + " " + std::string{near.pattern};
    }
    return std::string{near.pattern} + " (it takes " + support::join(near.methods, ", ") + ")";
}

} // namespace

std::size_t path_distance(std::string_view path, std::string_view pattern) {
    const auto asked = segments_of(path);
    const auto wanted = segments_of(pattern);
    // A segment missing from the request costs its length plus one (a parameter 4); an extra
    // one at most 4, as ids are long.
    const auto missing = [](std::string_view s) {
        return is_parameter(s) ? 4 : s.size() + 1;
    };
    const auto extra = [](std::string_view s) {
        return std::min<std::size_t>(s.size(), 3) + 1;
    };
    // cost[i][j]: turning the first i asked segments into the first j wanted ones.
    std::vector<std::vector<std::size_t>> cost(asked.size() + 1,
                                               std::vector<std::size_t>(wanted.size() + 1));
    for (std::size_t i = 1; i <= asked.size(); ++i) {
        cost[i][0] = cost[i - 1][0] + extra(asked[i - 1]);
    }
    for (std::size_t j = 1; j <= wanted.size(); ++j) {
        cost[0][j] = cost[0][j - 1] + missing(wanted[j - 1]);
    }
    for (std::size_t i = 1; i <= asked.size(); ++i) {
        for (std::size_t j = 1; j <= wanted.size(); ++j) {
            cost[i][j] =
                std::min({cost[i - 1][j] + extra(asked[i - 1]),
                          cost[i][j - 1] + missing(wanted[j - 1]),
                          cost[i - 1][j - 1] + replacement_cost(asked[i - 1], wanted[j - 1])});
        }
    }
    return cost[asked.size()][wanted.size()];
}

std::string route_miss_hint(const route_table& table,
                            http::verb method,
                            std::string_view path,
                            const route_match& match) {
    const auto everything = paths_under(table, "/");
    if (match.same_path != nullptr) {
        const std::string_view same = match.same_path->path.text();
        std::string hint = std::string{same} + " takes " + match.allow + ", not " +
                           std::string{http::to_string(method)};
        if (const auto* near = nearest_path(everything, path, method, same, true)) {
            hint += "; did you mean " + suggestion(*near, method) + "?";
        }
        return hint;
    }
    if (const auto* near = nearest_path(everything, path, method, {}, false)) {
        return "no such route; did you mean " + suggestion(*near, method) + "?";
    }
    if (!match.under->guide.empty()) {
        return "no such route; " + std::string{match.under->guide};
    }
    std::vector<std::string_view> listed;
    for (const auto& entry : paths_under(table, match.under->prefix)) {
        listed.push_back(entry.pattern);
    }
    return "no such route under " + std::string{match.under->prefix} +
           "; these exist: " + support::join(listed, ", ");
}

} // namespace emu::net
