#pragma once

#include "server/engine/emulator_state.hpp"
#include "server/wire/json_reader.hpp"
#include "server/wire/snapshot_jobs.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace emu::wire {

// The snapshot format's version: a document names it in "edenmock_snapshot", and a reader
// refuses a newer one (docs/snapshots.md).
inline constexpr std::int64_t snapshot_format = 1;

// The state as a snapshot document (docs/snapshots.md): every time in UTC with microseconds,
// the scenarios jobs follow once each under "plans", jobs in launch order. Serialized with
// sorted keys (json_text::canonical) it is stable and diffable.
boost::json::value snapshot_document(const engine::emulator_state& state);

// One tenant's part of the document ("tenants.<key>"), and its "webhooks" member alone; the
// scenarios jobs follow go into `plans`. The state file keeps the document in such parts.
boost::json::object tenant_part_document(const engine::tenant_state& part, plan_keys& plans);
boost::json::object webhooks_part_document(const engine::tenant_state& part, plan_keys& plans);

// Reads a snapshot document back; throws snapshot_error. Nothing is applied: a document either
// reads whole or not at all.
engine::emulator_state read_snapshot(const boost::json::value& document);

} // namespace emu::wire
