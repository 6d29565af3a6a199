#pragma once

#include "server/engine/resetter.hpp"
#include "server/jobs/job.hpp"
#include "server/scenario/scenario_catalog.hpp"
#include "server/scheduling/clock.hpp"

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <optional>
#include <string>
#include <string_view>

// What the control API and Eden's job list answer, as json::value_from(x) through these
// overloads, found by argument-dependent lookup.

namespace emu::wire {

// What GET /_emulator/clock (and every clock/advance) answers.
struct clock_reading {
    std::string_view mode; // as --clock spells it
    scheduling::instant now;
    std::string tenant;           // a tenant's clock; "" for the emulator's
    scheduling::duration ahead{}; // the tenant's clock ahead of the emulator's
    std::optional<bool> idle;     // set by an advance until idle
};

void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const clock_reading& clock);

} // namespace emu::wire

namespace emu::engine {

void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const reset_report& report);

} // namespace emu::engine

namespace emu::jobs {

// A row of GET /v2/<feature>: {"providers", "nb", "nb_ok", "public_id", "state", "created_at"}.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const job_summary& row);

} // namespace emu::jobs

namespace emu::scenario {

// An entry of GET /_emulator/scenarios; the built-in fallback has "fallback": true and a null
// priority.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const catalog_entry& entry);

} // namespace emu::scenario
