#include "server/control/await_endpoint.hpp"

#include "server/control/control_query.hpp"
#include "server/control/not_found.hpp"
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
    std::optional<jobs::job_id> job;        // job=, or webhook=<public_id>
    std::optional<jobs::job_status> status; // with job; absent: finished or failed
    std::optional<std::uint32_t> polls;     // with job: at least this many GETs
    std::optional<std::size_t> delivered;   // at least this many delivered webhook attempts
    bool job_delivered = false;             // with job: its webhook was delivered
    std::string tenant;                     // without job: only this tenant's deliveries count
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
    const auto job_text = query.optional_text("job");
    if (job_text) {
        wanted.job = jobs::job_id::parse(*job_text);
        if (!wanted.job) {
            query.add_error("job", "Expected a job's public_id, not \"" + *job_text + "\".");
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
    const auto webhook_text = query.optional_text("webhook");
    bool webhook_names_job = false;
    if (webhook_text) {
        if (const auto count = count_value(*webhook_text)) {
            wanted.delivered = *count;
        } else if (const auto id = jobs::job_id::parse(*webhook_text)) {
            webhook_names_job = true;
            if (job_text && id != wanted.job) {
                query.add_error("webhook",
                                "Names another job than job=; give the same public_id, or a "
                                "number of that job's deliveries.");
            }
            wanted.job = id;
            wanted.job_delivered = true;
        } else {
            query.add_error("webhook",
                            "Expected a number of deliveries or a job's public_id, not \"" +
                                *webhook_text + "\".");
        }
    }
    wanted.tenant = query.text("tenant");
    if (!job_text && !webhook_text) {
        query.add_error("job", "Give job=<public_id> and/or webhook=<count or public_id>.");
    } else if (!job_text && !webhook_names_job && (wanted.status || wanted.polls)) {
        query.add_error("job", "status= and polls= need job=<public_id>, the job they are about.");
    }
    if (const auto text = query.optional_text("timeout")) {
        const auto parsed = support::parse_duration(*text);
        if (!parsed || *parsed > longest_timeout) {
            query.add_error(
                "timeout", "Expected a duration like \"5s\", at most 300s, not \"" + *text + "\".");
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
        throw unknown_job(wanted.job->to_string());
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
        // The job's delivered attempts when there is a job, else the tenant's (or all).
        webhooks::journal_filter filter;
        filter.status = webhooks::attempt_status::delivered;
        if (wanted.job) {
            filter.job_id = wanted.job->to_string();
        } else {
            filter.tenant = wanted.tenant;
        }
        const auto delivered = webhooks_.journal_count(filter);
        state["webhooks_delivered"] = delivered;
        if (wanted.delivered || wanted.job_delivered) {
            met = met && delivered >= (wanted.delivered ? *wanted.delivered : 1);
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
