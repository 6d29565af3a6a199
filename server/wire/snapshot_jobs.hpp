#pragma once

#include "server/engine/emulator_state.hpp"
#include "server/wire/json_reader.hpp"
#include "server/wire/json_writer.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <map>
#include <string>
#include <vector>

namespace emu::wire {

// Snapshot times: UTC with microseconds, "2026-01-01T00:00:00.000000Z"; null when unset.
boost::json::value time_value(scheduling::instant at);
boost::json::value optional_time(const std::optional<scheduling::instant>& at);

// The scenarios jobs follow, each written once under a key: its name, with "#2", "#3"... for
// other scenarios of the same name (one replaced while its jobs ran).
class plan_keys {
public:
    const std::string& key_of(const engine::scenario_ptr& plan);

    // Every scenario named so far, by key: as a document, or written as one.
    boost::json::object documents() const;
    void write_documents(json_text::writer& out) const;

private:
    std::map<const scenario::scenario*, std::string> keys_;
    std::map<std::string, engine::scenario_ptr> scenarios_;
};

// The scenarios of a document's "plans", by key.
using plan_map = std::map<std::string, engine::scenario_ptr, std::less<>>;

// A job as a snapshot keeps it: input, scenario (by key), each provider's position and the step
// it shows ("timeline:N", "forced:N", "job_failure", "faker_failure" or null), polls, ends.
boost::json::object job_document(const jobs::job& j, plan_keys& plans);
// The same written as text, without a document (what the state file's job records hold).
void write_job(json_text::writer& out, const jobs::job& j, plan_keys& plans);
jobs::job read_job(const json_reader& in, const plan_map& plans);

boost::json::object upload_document(const uploads::upload& file);
uploads::upload read_upload(const json_reader& in);

// Scenarios as their source documents, read back with the scenario loader.
boost::json::array scenario_documents(const std::vector<engine::scenario_ptr>& list);
engine::scenario_ptr read_scenario(const json_reader& in);
std::vector<engine::scenario_ptr> read_scenarios(const json_reader& in);

} // namespace emu::wire
