#include "server/wire/snapshot_webhooks.hpp"

#include <boost/json/array.hpp>

namespace emu::wire {
namespace {

namespace json = boost::json;
using webhooks::attempt_record;
using saved_delivery = webhooks::webhook_dispatcher::saved_delivery;

} // namespace

json::object delivery_document(const saved_delivery& kept, plan_keys& plans) {
    json::array sends;
    for (const auto& [kind, due] : kept.sends) {
        sends.push_back(
            json::object{{"kind", webhooks::to_string(kind)}, {"due", time_value(due)}});
    }
    json::array in_flight;
    for (const auto seq : kept.in_flight) {
        in_flight.push_back(seq);
    }
    return json::object{{"id", kept.id},
                        {"job", job_document(jobs::job_of(kept.job), plans)},
                        {"url", kept.url},
                        {"body", kept.body ? json::value(*kept.body) : json::value(nullptr)},
                        {"next_label", kept.next_label},
                        {"failures", kept.failures},
                        {"duplicates_left", kept.duplicates_left},
                        {"late_copy", kept.late_copy},
                        {"sends", std::move(sends)},
                        {"in_flight", std::move(in_flight)}};
}

saved_delivery
read_delivery(const json_reader& in, const plan_map& plans, const std::string& tenant) {
    saved_delivery kept;
    kept.id = in["id"].text();
    kept.tenant = tenant;
    kept.job = jobs::snapshot_of(read_job(in["job"], plans));
    kept.url = in["url"].text();
    if (const auto body = in.maybe("body")) {
        kept.body = std::make_shared<const std::string>(body->text());
    }
    kept.next_label = in["next_label"].whole<std::uint32_t>();
    kept.failures = in["failures"].whole<std::uint32_t>();
    kept.duplicates_left = in["duplicates_left"].whole<std::uint32_t>();
    kept.late_copy = in["late_copy"].flag();
    const auto sends = in["sends"];
    for (std::size_t index = 0; index < sends.array().size(); ++index) {
        const auto send = sends.item(index);
        kept.sends.emplace_back(send["kind"].name(webhooks::attempt_kind_names),
                                send["due"].time());
    }
    const auto in_flight = in["in_flight"];
    for (std::size_t index = 0; index < in_flight.array().size(); ++index) {
        kept.in_flight.push_back(in_flight.item(index).whole());
    }
    return kept;
}

json::object attempt_document(const attempt_record& record) {
    json::array headers;
    for (const auto& [name, value] : record.headers) {
        headers.push_back(json::array{json::value(name), json::value(value)});
    }
    return json::object{{"seq", record.seq},
                        {"delivery_id", record.delivery_id},
                        {"job_id", record.job_id},
                        {"feature", record.feature},
                        {"attempt", record.attempt},
                        {"kind", webhooks::to_string(record.kind)},
                        {"url", record.url},
                        {"headers", std::move(headers)},
                        {"body", record.body ? json::value(*record.body) : json::value(nullptr)},
                        {"scheduled_at", time_value(record.scheduled_at)},
                        {"sent_at", optional_time(record.sent_at)},
                        {"completed_at", optional_time(record.completed_at)},
                        {"status", webhooks::to_string(record.status)},
                        {"response_status", record.response_status},
                        {"response_excerpt", record.response_excerpt},
                        {"error", record.error},
                        {"retry_at", optional_time(record.retry_at)}};
}

attempt_record read_attempt(const json_reader& in, const std::string& tenant) {
    attempt_record record;
    record.seq = in["seq"].whole();
    record.delivery_id = in["delivery_id"].text();
    record.job_id = in["job_id"].text();
    record.tenant = tenant;
    record.feature = in["feature"].text();
    record.attempt = in["attempt"].whole<std::uint32_t>();
    record.kind = in["kind"].name(webhooks::attempt_kind_names);
    record.url = in["url"].text();
    record.headers = in["headers"].text_pairs();
    if (const auto body = in.maybe("body")) {
        record.body = std::make_shared<const std::string>(body->text());
    }
    record.scheduled_at = in["scheduled_at"].time();
    if (const auto at = in.maybe("sent_at")) {
        record.sent_at = at->time();
    }
    if (const auto at = in.maybe("completed_at")) {
        record.completed_at = at->time();
    }
    record.status = in["status"].name(webhooks::attempt_status_names);
    record.response_status = in["response_status"].whole<unsigned>();
    record.response_excerpt = in["response_excerpt"].text();
    record.error = in["error"].text();
    if (const auto at = in.maybe("retry_at")) {
        record.retry_at = at->time();
    }
    return record;
}

} // namespace emu::wire
