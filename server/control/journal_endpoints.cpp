#include "server/control/journal_endpoints.hpp"

#include "server/control/control_query.hpp"
#include "server/observability/client_checks.hpp"
#include "server/observability/prometheus_text.hpp"
#include "server/wire/journal_records.hpp"

#include <boost/json/object.hpp>

#include <charconv>
#include <cmath>

namespace emu::control {
namespace {

namespace json = boost::json;
namespace http = net::http;

// The client-behaviour checks GET /_emulator/verify runs.
enum class check { poll_rate, polls_after_terminal, retry_after_honoured };

constexpr support::enum_names<check, 3> check_names{
    {"poll_rate", "polls_after_terminal", "retry_after_honoured"}};

std::optional<double> positive_number(std::string_view text) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value <= 0 ||
        !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

} // namespace

journal_endpoints::journal_endpoints(const observability::request_journal& journal,
                                     const observability::request_metrics& metrics,
                                     jobs::job_service& jobs,
                                     webhooks::webhook_dispatcher& webhooks)
    : journal_(journal)
    , metrics_(metrics)
    , jobs_(jobs)
    , webhooks_(webhooks) {}

net::answer journal_endpoints::requests(const net::route_call& call) const {
    control_query query{call.req};
    observability::request_filter filter;
    query.texts({{"method", &filter.method},
                 {"path", &filter.path},
                 {"tenant", &filter.tenant},
                 {"job", &filter.job_id},
                 {"feature", &filter.feature}});
    filter.status = query.http_status("status");
    filter.kind = query.choice("kind", observability::route_kind_names);
    filter.since = query.time("since");
    filter.until = query.time("until");
    query.done();
    return net::json_response(http::status::ok,
                              json::object{{"requests", json::value_from(journal_.select(filter))},
                                           {"journal_dropped", journal_.dropped()}},
                              call.req.version());
}

net::answer journal_endpoints::verify(const net::route_call& call) const {
    control_query query{call.req};
    observability::request_filter filter;
    query.texts({{"job", &filter.job_id}, {"tenant", &filter.tenant}});
    const auto wanted = query.choice("check", check_names);
    if (!query.optional_text("check")) {
        query.add_error("check", "Expected one of " + check_names.choices() + ".");
    }
    std::optional<double> max_per_second;
    if (wanted == check::poll_rate) {
        const auto text = query.optional_text("max_per_second");
        max_per_second = text ? positive_number(*text) : std::nullopt;
        if (!max_per_second) {
            query.add_error("max_per_second", "Expected a positive number of polls per second.");
        }
    }
    query.done();
    const auto records = journal_.select(filter);
    const auto result = *wanted == check::poll_rate
                            ? observability::check_poll_rate(records, *max_per_second)
                        : *wanted == check::polls_after_terminal
                            ? observability::check_polls_after_terminal(records)
                            : observability::check_retry_after_honoured(records);
    return net::json_response(http::status::ok, json::value_from(result), call.req.version());
}

net::answer journal_endpoints::metrics(const net::route_call& call) const {
    observability::prometheus_text out;
    metrics_.write(out);
    out.family("edenmock_jobs", "gauge", "Jobs in the store, by the status a GET would show.");
    const auto counts = jobs_.status_counts();
    for (const auto status :
         {jobs::job_status::processing, jobs::job_status::finished, jobs::job_status::failed}) {
        out.sample("edenmock_jobs",
                   {{"state", std::string{jobs::to_string(status)}}},
                   static_cast<double>(counts[static_cast<std::size_t>(status)]));
    }
    out.family("edenmock_webhook_attempts_total",
               "counter",
               "Webhook attempts by outcome (since start or the last reset).");
    const auto attempts = webhooks_.attempt_totals();
    for (const auto status : {webhooks::attempt_status::delivered,
                              webhooks::attempt_status::failed,
                              webhooks::attempt_status::dropped,
                              webhooks::attempt_status::blocked,
                              webhooks::attempt_status::cancelled}) {
        out.sample("edenmock_webhook_attempts_total",
                   {{"status", std::string{webhooks::to_string(status)}}},
                   static_cast<double>(attempts[static_cast<std::size_t>(status)]));
    }
    out.family("edenmock_request_journal_dropped_total",
               "counter",
               "Requests dropped from the request journal to keep within --request-journal-size.");
    out.sample(
        "edenmock_request_journal_dropped_total", {}, static_cast<double>(journal_.dropped()));
    out.family("edenmock_webhook_journal_dropped_total",
               "counter",
               "Attempts dropped from the webhook journal to keep within --webhook-journal-size.");
    out.sample("edenmock_webhook_journal_dropped_total",
               {},
               static_cast<double>(webhooks_.journal_dropped()));
    for (const auto& write : more_) {
        write(out);
    }
    net::response res{http::status::ok, call.req.version()};
    res.set(http::field::content_type, observability::prometheus_text::content_type);
    res.body() = out.text();
    res.prepare_payload();
    return res;
}

} // namespace emu::control
