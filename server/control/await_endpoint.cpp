#include "server/control/await_endpoint.hpp"

#include "server/control/control_query.hpp"
#include "server/net/api_error.hpp"
#include "server/support/iso_time.hpp"

#include <boost/json/object.hpp>

#include <charconv>

namespace emu::control {
namespace {

namespace json = boost::json;
namespace http = net::http;
using net::api_error;
using net::response;

constexpr auto default_timeout = std::chrono::seconds{5};
constexpr auto longest_timeout = std::chrono::seconds{300};

// What one await request waits for; unset members are not conditions.
struct condition {
    std::optional<jobs::job_id> job;
    std::optional<jobs::job_status> status; // with job; absent: finished or failed
    std::optional<std::uint32_t> polls;     // with job: at least this many GETs
    std::optional<std::size_t> delivered;   // at least this many delivered webhook attempts
    bool job_delivered = false;             // with job: its webhook was delivered
    std::string tenant;                     // delivered: only this tenant's attempts count
};

std::optional<std::uint32_t> count_value(const std::string& text) {
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

condition read_condition(control_query& query, std::chrono::steady_clock::duration& timeout) {
    condition wanted;
    if (const auto job = query.optional_text("job")) {
        wanted.job = jobs::job_id::parse(*job);
        if (!wanted.job) {
            query.add_error("job", "Expected a job's public_id.");
        }
    }
    // v2's names or v3's ("finished" or "success"): the job's API is not known yet.
    if (const auto status = query.optional_text("status")) {
        wanted.status = jobs::parse_any_status(*status);
        if (!wanted.status) {
            query.add_error("status",
                            "Expected one of " + jobs::job_status_names.choices() + " (v2) or " +
                                jobs::v3_job_status_names.choices() + " (v3).");
        }
    }
    if (const auto polls = query.optional_text("polls")) {
        wanted.polls = count_value(*polls);
        if (!wanted.polls) {
            query.add_error("polls", "Expected a number of GETs.");
        }
    }
    if (const auto webhook = query.optional_text("webhook")) {
        if (const auto count = count_value(*webhook)) {
            wanted.delivered = *count;
        } else if (const auto id = jobs::job_id::parse(*webhook)) {
            wanted.job = id;
            wanted.job_delivered = true;
        } else {
            query.add_error("webhook", "Expected a number of deliveries or a job's public_id.");
        }
    }
    wanted.tenant = query.text("tenant");
    if (!query.optional_text("job") && (wanted.status || wanted.polls)) {
        query.add_error("job", "status and polls need the job they are about.");
    }
    if (!wanted.job && !wanted.delivered) {
        query.add_error("job", "Give job=<public_id> and/or webhook=<count or public_id>.");
    }
    if (const auto text = query.optional_text("timeout")) {
        const auto parsed = support::parse_duration(*text);
        if (!parsed || *parsed > longest_timeout) {
            query.add_error("timeout", "Expected a duration like \"5s\", at most 300s.");
        } else {
            timeout = *parsed;
        }
    }
    return wanted;
}

} // namespace

await_endpoint::await_endpoint(jobs::job_service& jobs, webhooks::webhook_dispatcher& webhooks)
    : jobs_(jobs)
    , webhooks_(webhooks) {}

net::answer await_endpoint::handle(const net::route_call& call) const {
    control_query query{call.req};
    std::chrono::steady_clock::duration timeout = default_timeout;
    const auto wanted = read_condition(query, timeout);
    query.done();
    if (wanted.job && !jobs_.exists(*wanted.job)) {
        throw api_error::not_found();
    }
    const auto version = call.req.version();
    // The state as it is now, and whether it meets the condition.
    const auto observe = [this, wanted, version](bool& met) {
        json::object state;
        met = true;
        if (wanted.job) {
            const auto job = jobs_.find(*wanted.job);
            if (!job) {
                state["job"] = nullptr; // deleted meanwhile: it can no longer be met
                met = false;
            } else {
                const auto status = jobs::status_of(*job);
                state["job"] =
                    json::object{{"public_id", job->id.to_string()},
                                 {"status", jobs::status_name(status, job->feature->api)},
                                 {"polls", job->polls}};
                const bool status_met = wanted.status ? status == *wanted.status
                                                      : status != jobs::job_status::processing ||
                                                            wanted.polls || wanted.job_delivered;
                met = status_met && (!wanted.polls || job->polls >= *wanted.polls);
            }
        }
        if (wanted.delivered || wanted.job_delivered) {
            webhooks::journal_filter filter;
            filter.status = webhooks::attempt_status::delivered;
            filter.tenant = wanted.tenant;
            if (wanted.job_delivered) {
                filter.job_id = wanted.job->to_string();
            }
            const auto delivered = webhooks_.journal_count(filter);
            state["webhooks_delivered"] = delivered;
            met = met && delivered >= (wanted.job_delivered ? 1 : *wanted.delivered);
        }
        state["now"] = support::format_utc(jobs_.clock().now());
        state["ok"] = met;
        return net::json_response(
            met ? http::status::ok : http::status::request_timeout, state, version);
    };
    auto pending = std::make_shared<net::pending_answer>();
    pending->ready = [observe]() -> std::optional<response> {
        bool met = false;
        auto res = observe(met);
        return met ? std::optional<response>{std::move(res)} : std::nullopt;
    };
    pending->expired = [observe] {
        bool met = false;
        return observe(met);
    };
    pending->deadline = std::chrono::steady_clock::now() + timeout;
    net::answer result;
    result.how.wait = std::move(pending);
    return result;
}

} // namespace emu::control
