#include "server/net/route_table.hpp"

#include <stdexcept>

namespace emu::net {

path_segments::path_segments(std::string_view path) {
    if (path.size() > 1 && path.back() == '/') {
        path.remove_suffix(1);
    }
    if (path.starts_with('/')) {
        path.remove_prefix(1);
    }
    if (path.empty()) {
        return;
    }
    for (;;) {
        if (size_ == capacity) {
            overflow_ = true;
            return;
        }
        const auto slash = path.find('/');
        segments_[size_++] = path.substr(0, slash);
        if (slash == std::string_view::npos) {
            return;
        }
        path.remove_prefix(slash + 1);
    }
}

void path_params::add(std::string_view name, std::string_view value) {
    entries_.at(size_++) = {name, value};
}

std::string_view path_params::find(std::string_view name) const {
    for (std::size_t i = 0; i < size_; ++i) {
        if (entries_[i].first == name) {
            return entries_[i].second;
        }
    }
    return {};
}

std::string_view path_params::operator[](std::string_view name) const {
    // Parameters never match empty segments, so "" means the route has none of that name.
    if (const auto value = find(name); !value.empty()) {
        return value;
    }
    throw std::out_of_range("the route has no path parameter \"" + std::string{name} + "\"");
}

path_pattern::path_pattern(std::string pattern)
    : text_(std::move(pattern)) {
    if (!text_.starts_with('/')) {
        throw std::invalid_argument("route pattern must start with '/': " + text_);
    }
    std::string_view rest{text_};
    rest.remove_prefix(1);
    std::size_t parameters = 0;
    while (!rest.empty()) {
        const auto slash = rest.find('/');
        const auto part = rest.substr(0, slash);
        if (part.empty()) {
            throw std::invalid_argument("route pattern has an empty segment: " + text_);
        }
        const bool parameter = part.size() > 2 && part.front() == '{' && part.back() == '}';
        if (parameter && ++parameters > path_params::capacity) {
            throw std::invalid_argument("route pattern has too many parameters: " + text_);
        }
        segments_.push_back(
            {std::string{parameter ? part.substr(1, part.size() - 2) : part}, parameter});
        rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    }
}

bool path_pattern::match(const path_segments& path, path_params& params) const {
    if (path.overflow() || path.size() != segments_.size()) {
        return false;
    }
    for (std::size_t i = 0; i < segments_.size(); ++i) {
        const auto& want = segments_[i];
        if (want.parameter ? path[i].empty() : path[i] != want.text) {
            return false;
        }
    }
    params.clear();
    for (std::size_t i = 0; i < segments_.size(); ++i) {
        if (segments_[i].parameter) {
            params.add(segments_[i].text, path[i]);
        }
    }
    return true;
}

void route_table::add(route row) {
    for (const auto& existing : routes_) {
        if (existing.method == row.method && existing.path.text() == row.path.text()) {
            throw std::invalid_argument(
                "route added twice: " + std::string{http::to_string(row.method)} + " " +
                row.path.text());
        }
    }
    routes_.push_back(std::move(row));
}

void route_table::add_surface(surface part) {
    surfaces_.push_back(part);
}

const surface* route_table::surface_of(std::string_view path) const {
    const surface* under = nullptr;
    for (const auto& part : surfaces_) {
        if (path.starts_with(part.prefix) &&
            (under == nullptr || part.prefix.size() > under->prefix.size())) {
            under = &part;
        }
    }
    return under;
}

route_match route_table::match(http::verb method, std::string_view path) const {
    route_match result;
    result.under = surface_of(path);
    const path_segments segments{path};
    path_params params;
    for (const auto& row : routes_) {
        if (!row.path.match(segments, params)) {
            continue;
        }
        if (row.method == method) {
            result.found = &row;
            result.params = params;
            return result;
        }
        if (result.same_path == nullptr) {
            result.same_path = &row;
            result.params = params;
        }
        result.allow +=
            (result.allow.empty() ? "" : ", ") + std::string{http::to_string(row.method)};
    }
    return result;
}

} // namespace emu::net
