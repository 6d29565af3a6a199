#include "server/api/observability_endpoints.hpp"

#include "server/api/api_error.hpp"
#include "server/api/query_flags.hpp"
#include "server/observability/client_checks.hpp"
#include "server/observability/prometheus_text.hpp"
#include "server/scheduling/iso_time.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <charconv>
#include <cmath>

namespace emu::api {
namespace {

namespace json = boost::json;

constexpr std::string_view jobs_prefix = "/_emulator/jobs/";
constexpr std::string_view polls_suffix = "/polls";

// The job id of /_emulator/jobs/<id>/polls; empty for other paths.
std::string_view polled_job(std::string_view path) {
    if (!path.starts_with(jobs_prefix) || !path.ends_with(polls_suffix) ||
        path.size() <= jobs_prefix.size() + polls_suffix.size()) {
        return {};
    }
    const auto id =
        path.substr(jobs_prefix.size(), path.size() - jobs_prefix.size() - polls_suffix.size());
    return id.find('/') == std::string_view::npos ? id : std::string_view{};
}

std::optional<scheduling::instant>
time_filter(const query_flags& query, std::string_view name, field_errors& errors) {
    const auto text = query.text(name);
    if (!text) {
        return std::nullopt;
    }
    const auto at = scheduling::parse_iso8601(*text);
    if (!at) {
        errors.add(std::string{name}, "Expected an ISO-8601 time like 2026-01-01T00:00:05Z.");
    }
    return at;
}

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

observability_endpoints::observability_endpoints(observability::request_journal& journal,
                                                 observability::request_metrics& metrics,
                                                 jobs::job_service& jobs,
                                                 webhooks::webhook_dispatcher& webhooks)
    : journal_(journal)
    , metrics_(metrics)
    , jobs_(jobs)
    , webhooks_(webhooks) {}

bool observability_endpoints::handles(std::string_view path) {
    if (path.size() > 1 && path.back() == '/') {
        path.remove_suffix(1);
    }
    return path == "/_emulator/requests" || path == "/_emulator/verify" ||
           path == "/_emulator/metrics" || !polled_job(path).empty();
}

response observability_endpoints::handle(const request& req, std::string_view path) {
    if (path.size() > 1 && path.back() == '/') {
        path.remove_suffix(1);
    }
    if (req.method() != http::verb::get) {
        throw api_error::method_not_allowed(req.method_string(), "GET");
    }
    if (path == "/_emulator/requests") {
        return requests(req);
    }
    if (path == "/_emulator/verify") {
        return verify(req);
    }
    if (path == "/_emulator/metrics") {
        return metrics(req);
    }
    const auto job = polled_job(path);
    if (job.empty()) {
        throw api_error::not_found();
    }
    return polls(req, job);
}

response observability_endpoints::requests(const request& req) {
    field_errors errors;
    const query_flags query{target_query(req.target()), errors};
    observability::request_filter filter;
    filter.method = query.text("method").value_or("");
    filter.path = query.text("path").value_or("");
    filter.tenant = query.text("tenant").value_or("");
    filter.job_id = query.text("job").value_or("");
    filter.feature = query.text("feature").value_or("");
    if (const auto status = query.text("status")) {
        unsigned value = 0;
        const auto [end, ec] =
            std::from_chars(status->data(), status->data() + status->size(), value);
        if (status->empty() || ec != std::errc{} || end != status->data() + status->size() ||
            value < 100 || value > 599) {
            errors.add("status", "Expected an HTTP status code like 200 or 429.");
        } else {
            filter.status = value;
        }
    }
    if (const auto kind = query.text("kind")) {
        filter.kind = observability::parse_route_kind(*kind);
        if (!filter.kind) {
            errors.add("kind", "Expected one of launch, get, list, delete, other.");
        }
    }
    filter.since = time_filter(query, "since", errors);
    filter.until = time_filter(query, "until", errors);
    if (!errors.empty()) {
        throw api_error::invalid(errors);
    }
    json::array listed;
    for (const auto& record : journal_.select(filter)) {
        listed.push_back(observability::to_json(record));
    }
    return json_response(
        http::status::ok,
        json::object{{"requests", std::move(listed)}, {"journal_dropped", journal_.dropped()}},
        req.version());
}

response observability_endpoints::polls(const request& req, std::string_view job_id) {
    observability::request_filter filter;
    filter.job_id = std::string{job_id};
    const auto records = journal_.select(filter);
    if (records.empty()) {
        throw api_error::not_found();
    }
    json::array listed;
    const observability::request_record* previous = nullptr;
    for (const auto& record : records) {
        if (record.kind != observability::route_kind::get) {
            continue;
        }
        json::value interval;
        if (previous != nullptr) {
            interval = static_cast<double>((record.at - previous->at).count()) / 1000.0;
        }
        listed.push_back(json::object{
            {"seq", record.seq},
            {"at", scheduling::format_utc(record.at)},
            {"status", record.job_status.empty() ? json::value() : json::value(record.job_status)},
            {"http", record.status},
            {"interval_ms", interval},
        });
        previous = &record;
    }
    const auto count = listed.size();
    return json_response(
        http::status::ok,
        json::object{{"job", job_id}, {"polls", std::move(listed)}, {"count", count}},
        req.version());
}

response observability_endpoints::verify(const request& req) {
    field_errors errors;
    const query_flags query{target_query(req.target()), errors};
    observability::request_filter filter;
    filter.job_id = query.text("job").value_or("");
    filter.tenant = query.text("tenant").value_or("");
    const auto check = query.text("check").value_or("");
    std::optional<double> max_per_second;
    if (check == "poll_rate") {
        const auto text = query.text("max_per_second");
        max_per_second = text ? positive_number(*text) : std::nullopt;
        if (!max_per_second) {
            errors.add("max_per_second", "Expected a positive number of polls per second.");
        }
    } else if (check != "polls_after_terminal" && check != "retry_after_honoured") {
        errors.add("check",
                   "Expected one of poll_rate, polls_after_terminal, retry_after_honoured.");
    }
    if (!errors.empty()) {
        throw api_error::invalid(errors);
    }
    const auto records = journal_.select(filter);
    const auto result =
        check == "poll_rate"              ? observability::check_poll_rate(records, *max_per_second)
        : check == "polls_after_terminal" ? observability::check_polls_after_terminal(records)
                                          : observability::check_retry_after_honoured(records);
    return json_response(http::status::ok, observability::to_json(result), req.version());
}

response observability_endpoints::metrics(const request& req) {
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
    response res{http::status::ok, req.version()};
    res.set(http::field::content_type, observability::prometheus_text::content_type);
    res.body() = out.text();
    res.prepare_payload();
    return res;
}

} // namespace emu::api
