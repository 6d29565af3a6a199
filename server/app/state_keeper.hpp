#pragma once

#include "server/engine/clock_control.hpp"
#include "server/engine/fault_injector.hpp"
#include "server/engine/resetter.hpp"
#include "server/engine/state_transfer.hpp"
#include "server/jobs/job_service.hpp"
#include "server/net/http_types.hpp"
#include "server/observability/prometheus_text.hpp"
#include "server/observability/request_journal.hpp"
#include "server/scenario/scenario_catalog.hpp"
#include "server/scheduling/tenant_clocks.hpp"
#include "server/storage/state_file.hpp"
#include "server/storage/write_behind.hpp"
#include "server/uploads/upload_store.hpp"
#include "server/webhooks/webhook_dispatcher.hpp"
#include "server/wire/request_rows.hpp"

#include <boost/json/value.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace emu::app {

// --state: keeps the emulator's state in a SQLite file (server/storage), cut into the records
// of wire/state_rows.hpp. At start it gives back what the file holds, as a snapshot document;
// once attached, every service tells it what changed, and the file's writer renders and commits
// that behind, from memory (a launch's answer waits for its commit, a poll's never does).
class state_keeper {
public:
    // The services whose state the file keeps.
    struct services {
        jobs::job_service& jobs;
        uploads::upload_store& uploads;
        scenario::scenario_catalog& scenarios;
        engine::fault_injector& faults;
        webhooks::webhook_dispatcher& webhooks;
        scheduling::tenant_clocks& clocks;
        engine::clock_control* clock_control; // nullptr unless --clock manual
        engine::state_transfer& transfer;
        engine::resetter& resets;
        webhooks::signing_key_source& keys;
        observability::request_journal& requests;
        std::uint64_t seed;
    };

    // Opens (or creates) the file; throws std::runtime_error "--state PATH: reason", the file
    // left as it was, also when its state was made with another seed than `seed` (--seed).
    state_keeper(const std::string& path,
                 std::string_view edenmock_version,
                 std::optional<std::uint64_t> seed);

    ~state_keeper();

    state_keeper(const state_keeper&) = delete;
    state_keeper& operator=(const state_keeper&) = delete;

    const std::string& path() const { return path_; }

    // The seed the file's state was made with; nullopt for a new file.
    std::optional<std::uint64_t> saved_seed() const;

    // What the file holds as a snapshot document (see wire::document_of for `now`); nullopt
    // for a new file. Throws std::runtime_error naming the file when it cannot be read.
    std::optional<boost::json::value> saved_document(std::optional<scheduling::instant> now) const;

    // The webhook signing key an earlier run generated, as PEM; nullopt when there is none.
    std::optional<std::string> saved_key() const;

    // Gives the request journal what the file holds, renders records from `to` and marks what
    // their changes report, then starts the writer. Throws std::runtime_error naming the file
    // when its journal cannot be read.
    void attach(const services& to);

    // A wait for the commit of everything changed so far (the router holds answers with it).
    net::durable_wait wait_for_changes();

    storage::write_stats stats() const;

    // edenmock_state_file_bytes, edenmock_state_commit_seconds (histogram),
    // edenmock_state_records_written_total and edenmock_state_failed_commits_total.
    void write_metrics(observability::prometheus_text& out) const;

    // Commits what is left and stops the writer (before the services go); changes reported
    // after it are not kept.
    void stop();

private:
    void mark(std::string_view kind, std::string key);
    void keep_requests(observability::request_journal& journal, wire::saved_requests saved);
    std::optional<std::string> render_chunk(const observability::request_journal& journal,
                                            const std::string& key);
    // The keys of the chunks holding only seqs below first_kept, forgotten; none when
    // `together` and they are too few to delete yet.
    std::vector<std::string> dropped_chunks(std::uint64_t first_kept, bool together);
    std::vector<std::string> chunk_keys();

    std::string path_;
    std::unique_ptr<storage::state_file> file_;
    std::vector<storage::record> loaded_;
    std::unique_ptr<storage::write_behind> writer_;
    // The request journal's chunks in the file, by number (what its records hold): read by the
    // writer's renderers and the journal's hooks alike, under its own lock, which is taken last.
    std::mutex chunks_mutex_;
    std::map<std::uint64_t, wire::seq_range> chunks_;
};

} // namespace emu::app
