#include "server/control/system_endpoints.hpp"

#include "server/control/body_fields.hpp"
#include "server/control/control_query.hpp"
#include "server/net/api_error.hpp"
#include "server/support/iso_time.hpp"
#include "server/support/text.hpp"
#include "server/wire/control_records.hpp"
#include "server/wire/field_values.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <array>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

namespace emu::control {
namespace {

namespace json = boost::json;
namespace http = net::http;
using net::api_error;

// What one clock/advance asks for: exactly one of a duration, a time or "until idle".
struct advance_request {
    std::optional<scheduling::duration> by;
    std::optional<scheduling::instant> to;
    bool until_idle = false;
};

constexpr std::array<std::string_view, 4> advance_fields{"seconds", "ms", "to", "until_idle"};

advance_request read_advance(std::string_view body, scheduling::instant now) {
    boost::system::error_code ec;
    const auto parsed = json::parse(body, ec);
    if (ec || !parsed.is_object()) {
        throw api_error::malformed_body("Expected a JSON object like {\"seconds\": 5}, {\"ms\": "
                                        "5000}, {\"to\": \"2026-01-01T00:10:00Z\"} or "
                                        "{\"until_idle\": true}.");
    }
    const auto& object = parsed.get_object();
    net::field_errors errors;
    check_body_fields(object, advance_fields, errors);
    advance_request wanted;
    int given = 0;
    for (const auto& [key, scale] : {std::pair{"seconds", 1e6}, std::pair{"ms", 1e3}}) {
        const auto* value = object.if_contains(key);
        if (value == nullptr) {
            continue;
        }
        ++given;
        const auto number = wire::value_as_number(*value);
        if (!number || *number < 0 || *number * scale > 1e17) {
            errors.add(key, "Expected a non-negative number.");
        } else {
            wanted.by =
                scheduling::duration{static_cast<std::int64_t>(std::round(*number * scale))};
        }
    }
    if (const auto* to = object.if_contains("to")) {
        ++given;
        const auto at = to->is_string() ? support::parse_iso8601(to->get_string())
                                        : std::optional<scheduling::instant>{};
        if (!at) {
            errors.add("to", "Expected an ISO-8601 time like \"2026-01-01T00:10:00Z\".");
        } else if (*at < now) {
            errors.add("to",
                       "The clock cannot go back: it reads " + support::format_utc(now) + ".");
        } else {
            wanted.to = at;
        }
    }
    if (const auto* until_idle = object.if_contains("until_idle")) {
        ++given;
        if (!until_idle->is_bool() || !until_idle->get_bool()) {
            errors.add("until_idle", "Expected true.");
        }
        wanted.until_idle = true;
    }
    if (given != 1 && errors.empty()) {
        const std::vector<std::string> names(advance_fields.begin(), advance_fields.end());
        errors.add("body",
                   "Give exactly one of " + support::spoken_list(names, " or ", "\"") + ".");
    }
    if (!errors.empty()) {
        throw api_error::invalid(errors);
    }
    return wanted;
}

} // namespace

system_endpoints::system_endpoints(jobs::job_service& jobs,
                                   const scheduling::tenant_clocks& clocks,
                                   std::string_view clock_mode,
                                   engine::clock_control* control,
                                   const engine::resetter& resetter)
    : jobs_(jobs)
    , clocks_(clocks)
    , clock_mode_(clock_mode)
    , control_(control)
    , resetter_(resetter) {}

net::answer system_endpoints::health(const net::route_call& call) const {
    return net::json_response(
        http::status::ok,
        json::object{{"status", "ok"}, {"clock", clock_mode_}, {"jobs", jobs_.job_count()}},
        call.req.version());
}

net::answer system_endpoints::clock(const net::route_call& call) const {
    const auto tenant = control_query::tenant_only(call.req);
    const wire::clock_reading reading{
        clock_mode_, clocks_.now(tenant), tenant, clocks_.offset(tenant), {}};
    return net::json_response(http::status::ok, json::value_from(reading), call.req.version());
}

net::answer system_endpoints::advance(const net::route_call& call) const {
    if (control_ == nullptr) {
        throw api_error::conflict("The clock is " + clock_mode_ +
                                  " and cannot be advanced; start edenmock with --clock manual.");
    }
    const auto tenant = control_query::tenant_only(call.req);
    const auto wanted = read_advance(call.req.body(), clocks_.now(tenant));
    std::optional<bool> idle;
    if (wanted.by) {
        control_->advance(*wanted.by, tenant);
    } else if (wanted.to) {
        control_->advance_to(*wanted.to, tenant);
    } else {
        idle = control_->advance_until_idle(tenant);
    }
    const wire::clock_reading reading{
        clock_mode_, clocks_.now(tenant), tenant, clocks_.offset(tenant), idle};
    return net::json_response(http::status::ok, json::value_from(reading), call.req.version());
}

net::answer system_endpoints::reset(const net::route_call& call) const {
    const auto tenant = control_query::tenant_only(call.req);
    return net::json_response(
        http::status::ok, json::value_from(resetter_.reset(tenant)), call.req.version());
}

} // namespace emu::control
