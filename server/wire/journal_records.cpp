#include "server/wire/journal_records.hpp"

#include "server/support/iso_time.hpp"
#include "server/wire/nullable.hpp"

#include <boost/json/object.hpp>

namespace emu {
namespace {

namespace json = boost::json;
using wire::text_or_null;

json::value time_or_null(const std::optional<scheduling::instant>& at) {
    return at ? json::value(support::format_utc(*at)) : json::value();
}

json::object header_object(const std::vector<std::pair<std::string, std::string>>& headers) {
    json::object object;
    for (const auto& [name, value] : headers) {
        object[name] = value;
    }
    return object;
}

} // namespace

void observability::tag_invoke(json::value_from_tag,
                               json::value& out,
                               const request_record& record) {
    out = json::object{
        {"seq", record.seq},
        {"at", support::format_utc(record.at)},
        {"method", record.method},
        {"path", record.path},
        {"query", record.query},
        {"tenant", record.tenant},
        {"kind", to_string(record.kind)},
        {"feature", text_or_null(record.feature)},
        {"job", text_or_null(record.job_id)},
        {"headers", header_object(record.headers)},
        {"body_excerpt", record.body_excerpt},
        {"status", record.status},
        {"retry_after", text_or_null(record.retry_after)},
        {"job_status", text_or_null(record.job_status)},
    };
}

void observability::tag_invoke(json::value_from_tag, json::value& out, const check_result& result) {
    out = json::object{{"check", result.check},
                       {"ok", result.ok},
                       {"details", result.details},
                       {"evidence", result.evidence}};
}

void webhooks::tag_invoke(json::value_from_tag, json::value& out, const attempt_record& record) {
    out = json::object{
        {"seq", record.seq},
        {"delivery_id", record.delivery_id},
        {"job", record.job_id},
        {"feature", record.feature},
        {"attempt", record.attempt},
        {"kind", to_string(record.kind)},
        {"url", record.url},
        {"request",
         json::object{{"headers", header_object(record.headers)},
                      {"body", record.body ? json::value(*record.body) : json::value()}}},
        {"scheduled_at", support::format_utc(record.scheduled_at)},
        {"sent_at", time_or_null(record.sent_at)},
        {"completed_at", time_or_null(record.completed_at)},
        {"status", to_string(record.status)},
        {"response",
         record.response_status == 0
             ? json::value()
             : json::value(json::object{{"status", record.response_status},
                                        {"body", record.response_excerpt}})},
        {"error", text_or_null(record.error)},
        {"retry_at", time_or_null(record.retry_at)},
    };
}

} // namespace emu
