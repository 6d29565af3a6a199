#pragma once

#include "server/net/hints.hpp"
#include "server/net/http_types.hpp"
#include "server/observability/request_journal.hpp"

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::net {

// Who may call a route.
enum class credentials {
    none,        // anyone (the control API)
    eden_bearer, // "Authorization: Bearer <API key>", checked as Eden does; the key is the tenant
};

// Whose error format a part of the HTTP surface answers in, and the order it checks in.
enum class error_dialect {
    eden_v2, // Django REST Framework: credentials before the method; {"error": ...} bodies
    eden_v3, // FastAPI: the method before credentials; {"detail": ...} bodies
};

// What a route is besides its method and path.
struct route_traits {
    credentials auth = credentials::none;
    error_dialect dialect = error_dialect::eden_v2;
    // Whether a request in flight keeps the auto clock from skipping time (await waits for time
    // to pass, so it does not).
    bool activity = true;
    // Whether the request journal records the request (the Eden API's requests, not control).
    bool journaled = false;
    observability::route_kind kind = observability::route_kind::other; // as the journal shows it
    std::string_view feature;       // the v2 feature the route serves; empty when none
    std::string_view metrics_label; // edenmock_requests_total's route label
};

// A request path cut into its segments ("/v2/ocr/ocr_async/" -> "v2", "ocr", "ocr_async"): one
// trailing slash is ignored, as Eden's routes accept it. Views into the path; no allocation.
class path_segments {
public:
    static constexpr std::size_t capacity = 16;

    explicit path_segments(std::string_view path);

    // Whether the path had more segments than `capacity` (such a path matches no route).
    bool overflow() const { return overflow_; }

    std::size_t size() const { return size_; }

    std::string_view operator[](std::size_t i) const { return segments_[i]; }

private:
    std::array<std::string_view, capacity> segments_{};
    std::size_t size_ = 0;
    bool overflow_ = false;
};

// The parameters a matched pattern took from a path, by name; views into the path.
class path_params {
public:
    static constexpr std::size_t capacity = 4;

    void add(std::string_view name, std::string_view value);

    // The parameter's value; throws std::out_of_range when the route has no such parameter.
    std::string_view operator[](std::string_view name) const;

    // The parameter's value, or "" when the route has no such parameter.
    std::string_view find(std::string_view name) const;

    void clear() { size_ = 0; }

private:
    std::array<std::pair<std::string_view, std::string_view>, capacity> entries_{};
    std::size_t size_ = 0;
};

// A route's path: literal segments and {name} parameters, each one non-empty segment
// ("/_emulator/jobs/{public_id}/force").
class path_pattern {
public:
    // Throws std::invalid_argument for a pattern that does not start with '/', has an empty
    // segment or more parameters than path_params holds.
    explicit path_pattern(std::string pattern);

    const std::string& text() const { return text_; }

    // Whether the path fits; fills `params` when it does.
    bool match(const path_segments& path, path_params& params) const;

private:
    struct segment {
        std::string text; // the literal, or the parameter's name
        bool parameter = false;
    };

    std::string text_;
    std::vector<segment> segments_;
};

struct route;

// A request on its way to the route that matched it.
struct route_call {
    const request& req;
    const route& matched;
    path_params params;
    std::string_view tenant; // the accepted API key of an eden_bearer route; empty otherwise
    hint_mode hints = hint_mode::on; // which near-miss hints the handler may give (--hints)
};

// One row of the route table: method, path, traits and handler.
struct route {
    http::verb method;
    path_pattern path;
    route_traits traits;
    std::function<answer(const route_call&)> handle;
};

// A part of the HTTP surface under one path prefix (/v2/, /_emulator/), with the traits of
// requests there that match no route: their 404 and 405 are journaled and counted as the
// surface's.
struct surface {
    std::string_view prefix; // "/v2/"; "/" for everything else
    route_traits unmatched;
    // The near-miss hint of a path here that is near no route ("v3 jobs are at ..."); when
    // empty, the hint lists the surface's routes.
    std::string_view guide = {};
};

// Where the table sends a request.
struct route_match {
    const route* found = nullptr; // the route of this method and path; nullptr when none
    path_params params;
    const route* same_path = nullptr; // without `found`: the first route of the path, any method
    std::string allow;                // without `found`: the methods the path has ("GET, POST")
    const surface* under = nullptr;   // the surface of the path (never null once one is "/")
};

// Every route of the HTTP surface, in one table. 404 and 405 (with Allow) follow from it.
class route_table {
public:
    // Adds a row; throws std::invalid_argument when the same method and path are there already.
    void add(route row);

    // Adds a surface; the longest matching prefix wins.
    void add_surface(surface part);

    route_match match(http::verb method, std::string_view path) const;

    // The surface a path is under (the longest matching prefix); nullptr before one is "/".
    const surface* surface_of(std::string_view path) const;

    const std::vector<route>& routes() const { return routes_; }

private:
    std::vector<route> routes_;
    std::vector<surface> surfaces_;
};

} // namespace emu::net
