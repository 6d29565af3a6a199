#pragma once

#include "server/engine/emulator_state.hpp"
#include "server/storage/state_file.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace emu::wire {

// The state file's records (--state): a snapshot document cut into parts that change apart, so
// a launch or a poll rewrites one job's record, not the whole state. docs/snapshots.md.
namespace state_kind {
inline constexpr std::string_view job = "job";           // key: tenant, '\n', job id
inline constexpr std::string_view tenant = "tenant";     // key: tenant; all but jobs, webhooks
inline constexpr std::string_view webhooks = "webhooks"; // key: tenant; deliveries, journal
inline constexpr std::string_view global = "global";     // key: ""; seed, clocks, counters
inline constexpr std::string_view key = "key";           // key: "webhook"; a generated key's PEM
// key: a chunk's number (request_rows.hpp); request journal records, one per line
inline constexpr std::string_view requests = "requests";
inline constexpr std::string_view request_counters = "request_counters"; // key: ""; seqs, drops
} // namespace state_kind

std::string job_key(std::string_view tenant, const jobs::job_id& id);

// The tenant and id a job record's key names; nullopt for a key that is not one.
std::optional<std::pair<std::string, jobs::job_id>> parse_job_key(std::string_view key);

// A job's record: the job, its launch order, its scenario's document and its tenant's id
// counter (so a launch writes this record alone).
std::string job_record(const jobs::job& j, std::uint64_t ids_drawn);

// A tenant's record: its id counter, uploads, fault counters and own runtime scenarios
// (`part`'s jobs and webhooks are not written).
std::string tenant_record(const engine::tenant_state& part);

// A tenant's deliveries and delivery journal.
std::string webhooks_record(const engine::tenant_state& part);

// The emulator's record: `state` without tenants, and every tenant's clock offset.
std::string global_record(const engine::emulator_state& state,
                          const std::vector<std::pair<std::string, scheduling::duration>>& ahead);

// The seed the records were written with, or nullopt when there is no emulator record.
std::optional<std::uint64_t> seed_of(const std::vector<storage::record>& records);

// The snapshot document the records make up. Each tenant reads its saved offset ahead of the
// emulator's clock, which reads `now` (the wall clock's time, time having gone on while edenmock
// was down) or, for a manual clock, the time it was saved at. Throws snapshot_error naming the
// record at fault.
boost::json::value document_of(const std::vector<storage::record>& records,
                               std::optional<scheduling::instant> now);

} // namespace emu::wire
