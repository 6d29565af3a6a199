#include "server/app/state_keeper.hpp"

#include "server/wire/json_reader.hpp"
#include "server/wire/request_rows.hpp"
#include "server/wire/state_rows.hpp"

namespace emu::app {
namespace {

namespace kind = wire::state_kind;

// How long changes nobody waits for (polls, steps on a real clock) gather before they are
// committed: the most a crash can lose of them.
constexpr std::chrono::milliseconds polls_gathered{10};

// How long the request journal's records (one per request) gather before they are rendered
// and written (no answer waits for them): the most of them a crash can lose.
constexpr std::chrono::milliseconds requests_gathered{1000};

// Chunks of the request journal whose records were all dropped leave the file together, once
// there are this many or they span this many seqs: each delete rewrites pages of the file,
// and the newest line's first_kept keeps the records of the others out of the journal at a
// restart.
constexpr std::size_t dropped_chunks_deleted_together = 64;
constexpr std::uint64_t dropped_seqs_deleted_together = 1024;

} // namespace

state_keeper::state_keeper(const std::string& path,
                           std::string_view edenmock_version,
                           std::optional<std::uint64_t> seed)
    : path_(path) {
    const auto same_seed =
        [seed](const std::vector<storage::record>& records) -> std::optional<std::string> {
        const auto saved = wire::seed_of(records);
        if (!seed || !saved || *seed == *saved) {
            return std::nullopt;
        }
        return "its state was made with --seed " + std::to_string(*saved) + "; start with --seed " +
               std::to_string(*saved) + " or without --seed";
    };
    try {
        file_ = storage::state_file::open(path, edenmock_version, same_seed);
        loaded_ = file_->load();
    } catch (const storage::refusal& refused) {
        throw std::runtime_error{std::string{"--state "} + refused.what()};
    } catch (const std::exception& failed) {
        throw std::runtime_error{"--state " + path + ": " + failed.what()};
    }
}

state_keeper::~state_keeper() {
    stop();
}

std::optional<std::uint64_t> state_keeper::saved_seed() const {
    try {
        return wire::seed_of(loaded_);
    } catch (const wire::snapshot_error& error) {
        throw std::runtime_error{"--state " + path_ + ": " + error.what()};
    }
}

std::optional<boost::json::value>
state_keeper::saved_document(std::optional<scheduling::instant> now) const {
    if (loaded_.empty()) {
        return std::nullopt;
    }
    try {
        return wire::document_of(loaded_, now);
    } catch (const wire::snapshot_error& error) {
        throw std::runtime_error{"--state " + path_ + ": " + error.what()};
    }
}

std::optional<std::string> state_keeper::saved_key() const {
    for (const auto& record : loaded_) {
        if (record.kind == kind::key) {
            return record.value;
        }
    }
    return std::nullopt;
}

void state_keeper::keep_requests(observability::request_journal& journal,
                                 wire::saved_requests saved) {
    journal.restore(std::move(saved.records), saved.counters);
    chunks_ = std::move(saved.chunks);
    writer_->on_render(std::string{kind::requests}, [this, &journal](const std::string& key) {
        return render_chunk(journal, key);
    });
    writer_->on_render(std::string{kind::request_counters}, [&journal](const std::string&) {
        return std::optional<std::string>{wire::request_counters_record(journal.counters())};
    });
    writer_->on_append(kind::requests,
                       {saved.next_chunk,
                        wire::request_chunk_key,
                        [this](std::uint64_t chunk, std::uint64_t first, std::uint64_t last) {
                            std::lock_guard lock{chunks_mutex_};
                            chunks_.insert_or_assign(chunk, wire::seq_range{first, last});
                        },
                        requests_gathered});
    journal.observe({
        .added =
            [this](std::uint64_t seq) {
                if (writer_) {
                    writer_->append(kind::requests, seq);
                }
            },
        .dropped =
            [this](std::uint64_t first_kept) {
                for (auto& key : dropped_chunks(first_kept, true)) {
                    mark(kind::requests, std::move(key)); // rendered as deleted
                }
            },
        .forgotten =
            [this](std::string_view tenant) {
                if (!writer_) {
                    return;
                }
                if (tenant.empty()) {
                    writer_->erase_kind(kind::requests);
                    std::lock_guard lock{chunks_mutex_};
                    chunks_.clear();
                } else {
                    writer_->seal(kind::requests); // what is not yet written is rewritten too
                    for (auto& key : chunk_keys()) {
                        mark(kind::requests, std::move(key));
                    }
                }
                mark(kind::request_counters, {});
            },
    });
    // A smaller --request-journal-size, or records dropped before the last stop.
    for (auto& key : dropped_chunks(journal.counters().first_kept, false)) {
        mark(kind::requests, std::move(key));
    }
    mark(kind::request_counters, {});
}

std::optional<std::string> state_keeper::render_chunk(const observability::request_journal& journal,
                                                      const std::string& key) {
    const auto number = wire::request_chunk_number(key);
    wire::seq_range range;
    {
        std::lock_guard lock{chunks_mutex_};
        const auto found = number ? chunks_.find(*number) : chunks_.end();
        if (found == chunks_.end()) {
            return std::nullopt; // dropped
        }
        range = found->second;
    }
    const auto records = journal.range(range.first, range.last);
    if (records.empty()) {
        std::lock_guard lock{chunks_mutex_};
        chunks_.erase(*number);
        return std::nullopt;
    }
    return wire::requests_record(records, journal.counters());
}

std::vector<std::string> state_keeper::dropped_chunks(std::uint64_t first_kept, bool together) {
    std::vector<std::string> keys;
    std::lock_guard lock{chunks_mutex_};
    // Chunks hold consecutive seqs, in the order of their numbers.
    auto end = chunks_.begin();
    std::size_t count = 0;
    while (end != chunks_.end() && end->second.last < first_kept) {
        ++end;
        ++count;
    }
    const auto spanned = count == 0 ? 0 : first_kept - chunks_.begin()->second.first;
    if (count == 0 || (together && count < dropped_chunks_deleted_together &&
                       spanned < dropped_seqs_deleted_together)) {
        return keys;
    }
    for (auto chunk = chunks_.begin(); chunk != end; ++chunk) {
        keys.push_back(wire::request_chunk_key(chunk->first));
    }
    chunks_.erase(chunks_.begin(), end);
    return keys;
}

std::vector<std::string> state_keeper::chunk_keys() {
    std::vector<std::string> keys;
    std::lock_guard lock{chunks_mutex_};
    for (const auto& [number, range] : chunks_) {
        keys.push_back(wire::request_chunk_key(number));
    }
    return keys;
}

void state_keeper::mark(std::string_view of, std::string key) {
    if (writer_) {
        writer_->mark(of, std::move(key));
    }
}

void state_keeper::attach(const services& to) {
    wire::saved_requests requests;
    try {
        requests = wire::requests_of(loaded_);
    } catch (const wire::snapshot_error& error) {
        throw std::runtime_error{"--state " + path_ + ": " + error.what()};
    }
    loaded_.clear();
    loaded_.shrink_to_fit();
    writer_ = std::make_unique<storage::write_behind>(*file_, polls_gathered);
    writer_->on_render(std::string{kind::job}, [to](const std::string& key) {
        const auto named = wire::parse_job_key(key);
        const auto job = named ? to.jobs.export_job(named->first, named->second) : std::nullopt;
        return job ? std::optional<std::string>{wire::job_record(*job,
                                                                 to.jobs.ids_drawn(named->first))}
                   : std::nullopt;
    });
    writer_->on_render(std::string{kind::tenant}, [to](const std::string& tenant) {
        engine::tenant_state part;
        part.tenant = tenant;
        part.now = to.clocks.now(tenant);
        part.jobs.ids_drawn = to.jobs.ids_drawn(tenant);
        part.uploads = to.uploads.export_files(tenant);
        part.fault_counts = to.faults.counts_of(tenant);
        part.scenarios = to.scenarios.runtime(tenant);
        return std::optional<std::string>{wire::tenant_record(part)};
    });
    writer_->on_render(std::string{kind::webhooks}, [to](const std::string& tenant) {
        auto saved = to.webhooks.export_state(tenant);
        if (saved.deliveries.empty() && saved.journal.empty()) {
            return std::optional<std::string>{};
        }
        engine::tenant_state part;
        part.tenant = tenant;
        part.deliveries = std::move(saved.deliveries);
        part.webhook_journal = std::move(saved.journal);
        return std::optional<std::string>{wire::webhooks_record(part)};
    });
    writer_->on_render(std::string{kind::global}, [to](const std::string&) {
        engine::emulator_state state;
        state.seed = to.seed;
        state.now = to.clocks.base().now();
        state.manual_clock = to.clocks.base().is_manual();
        state.scenarios = to.scenarios.runtime({});
        state.upload_counter = to.uploads.counter();
        state.webhook_counters = to.webhooks.counters();
        return std::optional<std::string>{wire::global_record(state, to.clocks.offsets())};
    });
    writer_->on_render(std::string{kind::key},
                       [to](const std::string&) { return to.keys.generated_pem(); });
    // What each service reports changed; a tenant's "" stands for the emulator's own record.
    const auto tenant_changed = [this](std::string_view tenant) {
        mark(tenant.empty() ? kind::global : kind::tenant, std::string{tenant});
    };
    to.jobs.on_change([this](const std::string& tenant, const jobs::job_id* id) {
        if (id != nullptr) {
            mark(kind::job, wire::job_key(tenant, *id));
        } else {
            mark(kind::tenant, tenant);
        }
    });
    to.keys.on_generate([this] { mark(kind::key, "webhook"); });
    to.uploads.on_change(tenant_changed);
    to.scenarios.on_change(tenant_changed);
    to.faults.on_change(tenant_changed);
    to.webhooks.on_change([this](std::string_view tenant) {
        mark(kind::webhooks, std::string{tenant});
        mark(kind::global, {});
    });
    if (to.clock_control != nullptr) {
        to.clock_control->on_change([this] { mark(kind::global, {}); });
    }
    to.transfer.on_restore([this](const std::vector<std::string>& tenants) {
        for (const auto& tenant : tenants) {
            mark(kind::tenant, tenant);
            mark(kind::webhooks, tenant);
        }
        mark(kind::global, {});
    });
    to.resets.add([this](std::string_view tenant, engine::reset_report&) {
        if (!writer_) {
            return;
        }
        if (tenant.empty()) {
            for (const auto of : {kind::job, kind::tenant, kind::webhooks}) {
                writer_->erase_kind(of);
            }
        } else {
            mark(kind::tenant, std::string{tenant});
            mark(kind::webhooks, std::string{tenant});
        }
        mark(kind::global, {});
    });
    keep_requests(to.requests, std::move(requests));
    writer_->start();
    mark(kind::global, {}); // a new file records its seed at once
}

net::durable_wait state_keeper::wait_for_changes() {
    if (!writer_) {
        return {};
    }
    // A ticket covers every mark before it: the request's changes were marked as they happened.
    const auto ticket = writer_->last_ticket();
    auto* writer = writer_.get();
    return [writer, ticket](std::function<void(bool)> written) {
        writer->when_committed(ticket, std::move(written));
    };
}

storage::write_stats state_keeper::stats() const {
    return writer_ ? writer_->stats() : storage::write_stats{};
}

void state_keeper::write_metrics(observability::prometheus_text& out) const {
    const auto stats = this->stats();
    out.family("edenmock_state_file_bytes", "gauge", "Size of the --state file and its WAL.");
    out.sample("edenmock_state_file_bytes", {}, static_cast<double>(stats.file_bytes));
    out.family("edenmock_state_commit_seconds",
               "histogram",
               "Time of each group commit to the --state file.");
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < stats.commit_latency_buckets.size(); ++i) {
        cumulative += stats.commit_latency_buckets[i];
        const auto le = i < storage::write_stats::latency_bounds.size()
                            ? observability::prometheus_text::format_value(
                                  storage::write_stats::latency_bounds[i])
                            : std::string{"+Inf"};
        out.sample(
            "edenmock_state_commit_seconds_bucket", {{"le", le}}, static_cast<double>(cumulative));
    }
    out.sample("edenmock_state_commit_seconds_sum", {}, stats.commit_seconds_sum);
    out.sample("edenmock_state_commit_seconds_count", {}, static_cast<double>(stats.commits));
    out.family(
        "edenmock_state_records_written_total", "counter", "Records written to the --state file.");
    out.sample(
        "edenmock_state_records_written_total", {}, static_cast<double>(stats.records_written));
    out.family("edenmock_state_failed_commits_total",
               "counter",
               "Commits to the --state file that failed (their records are retried).");
    out.sample(
        "edenmock_state_failed_commits_total", {}, static_cast<double>(stats.failed_commits));
    out.family("edenmock_state_checkpoints_total",
               "counter",
               "Write-ahead logs of the --state file copied into it (each syncs the disk).");
    out.sample("edenmock_state_checkpoints_total", {}, static_cast<double>(stats.checkpoints));
}

void state_keeper::stop() {
    writer_.reset();
}

} // namespace emu::app
