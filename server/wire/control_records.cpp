#include "server/wire/control_records.hpp"

#include "server/support/iso_time.hpp"
#include "server/wire/nullable.hpp"

#include <boost/json/object.hpp>

namespace emu {

namespace json = boost::json;
using wire::text_or_null;

void wire::tag_invoke(json::value_from_tag, json::value& out, const clock_reading& clock) {
    json::object state{
        {"mode", clock.mode},
        {"now", support::format_utc(clock.now)},
        {"epoch_ms", clock.now.time_since_epoch().count() / 1000},
    };
    if (!clock.tenant.empty()) {
        state["tenant"] = clock.tenant;
        state["ahead_ms"] = clock.ahead.count() / 1000;
    }
    if (clock.idle) {
        state["idle"] = *clock.idle;
    }
    out = std::move(state);
}

void engine::tag_invoke(json::value_from_tag, json::value& out, const reset_report& report) {
    json::object answer;
    if (!report.tenant.empty()) {
        answer["tenant"] = report.tenant;
    }
    answer["deleted_jobs"] = report.deleted_jobs;
    answer["deleted_scenarios"] = report.deleted_scenarios;
    answer["deleted_files"] = report.deleted_files;
    out = std::move(answer);
}

void jobs::tag_invoke(json::value_from_tag, json::value& out, const job_summary& row) {
    // Eden prints the provider list as a Python list repr: "['amazon', 'google']".
    std::string providers = "[";
    for (const auto name : row.providers) {
        providers += (providers.size() > 1 ? ", '" : "'") + std::string{name} + "'";
    }
    providers += "]";
    out = json::object{
        {"providers", providers},
        {"nb", row.providers.size()},
        {"nb_ok", row.succeeded},
        {"public_id", row.id.to_string()},
        {"state", row.state},
        {"created_at", support::format_naive(row.created_at)},
    };
}

void scenario::tag_invoke(json::value_from_tag, json::value& out, const catalog_entry& entry) {
    // The built-in fallback does not compete on priority: it serves launches nothing matches.
    const bool fallback = entry.source == scenario_source::built_in;
    out = json::object{
        {"name", entry.plan->name},
        {"description", entry.plan->description},
        {"priority", fallback ? json::value() : json::value(entry.plan->priority)},
        {"matches_every_launch", entry.plan->match.empty()},
        {"source", to_string(entry.source)},
        {"tenant", text_or_null(entry.tenant)},
        {"fallback", fallback},
        {"warnings", json::value_from(entry.plan->warnings)},
    };
}

} // namespace emu
