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

using segment_list = route_hints::segment_list;

// A path cut into its segments (at most path_segments::capacity; a longer one is cut short).
segment_list segments_of(std::string_view path) {
    const path_segments cut{path};
    segment_list result;
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
    const bool affix = support::is_affix(asked, wanted) || support::is_affix(wanted, asked);
    // The length difference is a lower bound of the distance: past the largest slip a route may
    // have (8), that bound is answer enough.
    const auto longer = std::max(asked.size(), wanted.size());
    const auto gap = longer - std::min(asked.size(), wanted.size());
    if (gap > 8) {
        return affix ? 2 : gap;
    }
    const auto distance = support::edit_distance(asked, wanted);
    return distance > 2 && affix ? 2 : distance; // 2: "speech_to_text" for "..._async"
}

// The segment alignment behind path_distance, over segments already cut.
std::size_t segment_distance(const segment_list& asked, const segment_list& wanted) {
    // A segment missing from the request costs its length plus one (a parameter 4); an extra
    // one at most 4, as ids are long.
    const auto missing = [](std::string_view s) {
        return is_parameter(s) ? 4 : s.size() + 1;
    };
    const auto extra = [](std::string_view s) {
        return std::min<std::size_t>(s.size(), 3) + 1;
    };
    // cost[i][j]: turning the first i asked segments into the first j wanted ones.
    constexpr std::size_t side = path_segments::capacity + 1;
    std::array<std::array<std::size_t, side>, side> cost{};
    const auto rows = std::min(asked.size(), side - 1);
    const auto columns = std::min(wanted.size(), side - 1);
    for (std::size_t i = 1; i <= rows; ++i) {
        cost[i][0] = cost[i - 1][0] + extra(asked[i - 1]);
    }
    for (std::size_t j = 1; j <= columns; ++j) {
        cost[0][j] = cost[0][j - 1] + missing(wanted[j - 1]);
    }
    for (std::size_t i = 1; i <= rows; ++i) {
        for (std::size_t j = 1; j <= columns; ++j) {
            cost[i][j] =
                std::min({cost[i - 1][j] + extra(asked[i - 1]),
                          cost[i][j - 1] + missing(wanted[j - 1]),
                          cost[i - 1][j - 1] + replacement_cost(asked[i - 1], wanted[j - 1])});
        }
    }
    return cost[rows][columns];
}

} // namespace

std::size_t path_distance(std::string_view path, std::string_view pattern) {
    return segment_distance(segments_of(path), segments_of(pattern));
}

route_hints::route_hints(const route_table& table) {
    for (const auto& row : table.routes()) {
        const std::string_view pattern = row.path.text();
        auto known = std::find_if(paths_.begin(), paths_.end(), [&](const auto& entry) {
            return entry.pattern == pattern;
        });
        if (known == paths_.end()) {
            table_path entry{pattern, {}, segments_of(pattern), 0, {}};
            for (const auto segment : entry.segments) {
                entry.literal += is_parameter(segment) ? 0 : segment.size();
            }
            const auto last = std::find_if(entry.segments.rbegin(),
                                           entry.segments.rend(),
                                           [](auto s) { return !is_parameter(s); });
            entry.last_word = last == entry.segments.rend() ? std::string_view{} : *last;
            known = paths_.insert(paths_.end(), std::move(entry));
        }
        known->methods.push_back(http::to_string(row.method));
    }
}

bool route_hints::table_path::answers(http::verb method) const {
    return std::find(methods.begin(), methods.end(), http::to_string(method)) != methods.end();
}

const route_hints::table_path* route_hints::nearest(const segment_list& asked,
                                                    http::verb method,
                                                    std::string_view except,
                                                    bool must_answer) const {
    const auto eligible = [&](const table_path& candidate) {
        return candidate.pattern != except && (!must_answer || candidate.answers(method));
    };
    const table_path* best = nullptr;
    auto best_cost = std::numeric_limits<std::size_t>::max();
    for (const auto& candidate : paths_) {
        if (!eligible(candidate)) {
            continue;
        }
        // A slip is at most a quarter of the route's literal text, between 3 and 8 edits.
        const auto distance = segment_distance(asked, candidate.segments);
        if (distance > std::clamp<std::size_t>(candidate.literal / 4, 3, 8)) {
            continue;
        }
        // Twice the distance, plus one for a path that does not answer the method.
        const auto cost = 2 * distance + (candidate.answers(method) ? 0 : 1);
        if (cost < best_cost) {
            best = &candidate;
            best_cost = cost;
        }
    }
    if (best != nullptr) {
        return best;
    }
    // The feature is right, the rest of the path wrong ("/v2/audio/ocr_async" for
    // "/v2/ocr/ocr_async"): the route's last literal segment is one of the path's.
    for (const auto& candidate : paths_) {
        if (eligible(candidate) && candidate.last_word.size() >= 4 &&
            std::find(asked.begin(), asked.end(), candidate.last_word) != asked.end()) {
            return &candidate;
        }
    }
    return nullptr;
}

std::string route_hints::suggestion(const table_path& near, http::verb method) {
    if (near.answers(method)) {
        return std::string{http::to_string(method)} + " " + std::string{near.pattern};
    }
    return std::string{near.pattern} + " (it takes " + support::join(near.methods, ", ") + ")";
}

std::string
route_hints::miss(http::verb method, std::string_view path, const route_match& match) const {
    constexpr std::size_t capacity = 1024;
    auto key = std::string{http::to_string(method)} + " " + std::string{path};
    {
        const std::lock_guard lock{mutex_};
        if (const auto known = remembered_.find(key); known != remembered_.end()) {
            return known->second;
        }
    }
    auto hint = search(method, path, match);
    const std::lock_guard lock{mutex_};
    if (remembered_.size() >= capacity) {
        remembered_.clear();
    }
    remembered_.emplace(std::move(key), hint);
    return hint;
}

std::string
route_hints::search(http::verb method, std::string_view path, const route_match& match) const {
    const auto asked = segments_of(path);
    if (match.same_path != nullptr) {
        const std::string_view same = match.same_path->path.text();
        std::string hint = std::string{same} + " takes " + match.allow + ", not " +
                           std::string{http::to_string(method)};
        if (const auto* near = nearest(asked, method, same, true)) {
            hint += "; did you mean " + suggestion(*near, method) + "?";
        }
        return hint;
    }
    if (const auto* near = nearest(asked, method, {}, false)) {
        return "no such route; did you mean " + suggestion(*near, method) + "?";
    }
    if (!match.under->guide.empty()) {
        return "no such route; " + std::string{match.under->guide};
    }
    std::vector<std::string_view> listed;
    for (const auto& entry : paths_) {
        if (entry.pattern.starts_with(match.under->prefix)) {
            listed.push_back(entry.pattern);
        }
    }
    return "no such route under " + std::string{match.under->prefix} +
           "; these exist: " + support::join(listed, ", ");
}

} // namespace emu::net
