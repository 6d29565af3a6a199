#include "server/observability/api_route.hpp"

#include "server/features/feature_table.hpp"

namespace emu::observability {

api_route classify_api_path(std::string_view method, std::string_view path) {
    api_route route;
    if (!path.starts_with("/v2/")) {
        return route;
    }
    auto rest = path.substr(4);
    if (rest.ends_with('/')) {
        rest.remove_suffix(1);
    }
    if (const auto* feature = features::find_feature(rest)) {
        route.feature = feature->path;
        if (method == "POST") {
            route.kind = route_kind::launch;
        } else if (method == "GET") {
            route.kind = route_kind::list;
        } else if (method == "DELETE" && feature->deletable) {
            route.kind = route_kind::del;
        }
        return route;
    }
    const auto slash = rest.rfind('/');
    if (slash == std::string_view::npos) {
        return route;
    }
    if (const auto* feature = features::find_feature(rest.substr(0, slash))) {
        route.feature = feature->path;
        route.job_id = rest.substr(slash + 1);
        if (method == "GET") {
            route.kind = route_kind::get;
        }
    }
    return route;
}

} // namespace emu::observability
