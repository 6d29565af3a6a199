#pragma once

#include "server/storage/state_file.hpp"

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

namespace emu::storage {

// What the commit queue has done, for metrics.
struct write_stats {
    // Upper bounds of the commit latency buckets, in seconds (+Inf follows).
    static constexpr std::array<double, 11> latency_bounds{
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};

    std::uint64_t commits = 0;         // successful ones
    std::uint64_t records_written = 0; // puts and deletes of successful commits
    std::uint64_t failed_commits = 0;
    std::uint64_t checkpoints = 0; // write-ahead logs copied into the database file
    // Commits per latency bucket, not cumulative: counts[i] took at most latency_bounds[i] and
    // more than the bound before; the last counts those over every bound (+Inf).
    std::array<std::uint64_t, latency_bounds.size() + 1> commit_latency_buckets{};
    double commit_seconds_sum = 0;
    std::uint64_t file_bytes = 0; // the database file and its write-ahead log
};

// When the checkpointer copies the state file's write-ahead log into the database file. A
// checkpoint syncs the disk, which takes milliseconds to seconds, so it runs on a thread of its
// own while commits go on; but under constant load no checkpoint catches up with the log,
// which then only grows.
struct checkpoint_policy {
    // How long after the first commit since the last checkpoint the next one starts.
    std::chrono::milliseconds interval{100};
    // A log this long (in 4 KB pages) makes the writer pause for one checkpoint of all of it, so
    // that the log restarts from its beginning.
    std::size_t max_frames = 16384;
};

// How a kind whose records hold a log (such as the request journal) is cut into records: the
// tags appended (the log's sequence numbers) until a cut become one new record, a chunk, keyed
// by its number and rendered, like any record, by the kind's renderer from its key.
struct chunking {
    std::uint64_t next_chunk = 1; // the number of the next chunk cut
    std::function<std::string(std::uint64_t chunk)> key;
    // The chunk was cut from the tags first..last (the smallest and largest appended).
    // Called with the queue locked: it must not call the write_behind.
    std::function<void(std::uint64_t chunk, std::uint64_t first, std::uint64_t last)> cut;
    // How long the first tag of a chunk waits for its cut (0: the next commit cuts it), so
    // that a log appended to at every request is rendered and written seldom, its entries
    // dropped meanwhile never: the most of the log a crash loses.
    std::chrono::milliseconds gather{};
};

// The commit queue over a state file: producers mark records dirty, cheaply; its writer thread
// takes every dirty record at once, renders each, and writes them in one transaction (a group
// commit), then tells the waiters whose tickets it covers. Thread-safe. While it runs, the file
// is its writer's: read it elsewhere only while nothing is marked and flush() has returned true.
class write_behind {
public:
    // A record's current value, rendered on the writer thread; nullopt deletes the record.
    using renderer = std::function<std::optional<std::string>(const std::string& key)>;

    // Called once a commit covering a ticket ends: ok is false when that commit failed.
    using completion = std::function<void(bool ok)>;

    // gather: how long the writer waits after the first mark, for more to join its commit,
    // unless an answer waits for the commit (when_committed): that is committed at once. 0
    // commits as soon as the previous commit finished.
    explicit write_behind(state_file& file,
                          std::chrono::microseconds gather = {},
                          checkpoint_policy checkpoints = {});

    write_behind(const write_behind&) = delete;
    write_behind& operator=(const write_behind&) = delete;

    // Commits what is marked (flush()) and stops the writer and the checkpointer.
    ~write_behind();

    // Registers the renderer of a kind of record; before start().
    void on_render(std::string kind, renderer render);

    // Lets the kind, whose renderer is registered, take appended tags too; before start().
    void on_append(std::string_view kind, chunking how);

    // Appends a tag to the kind's open chunk. It is cut (numbered, told to chunking::cut, and
    // marked) at seal(), at a flush(), or by the first commit once its first tag waited
    // chunking::gather: tickets and when_committed() do not wait for it. Throws
    // std::invalid_argument for a kind without on_append().
    void append(std::string_view kind, std::uint64_t tag);

    // Cuts the tags appended so far into a chunk now (so that a mark of its key can follow).
    void seal(std::string_view kind);

    // Starts the writer and checkpointer threads.
    void start();

    // The record (kind, key) changed: it is written at the next commit, rendered then, once
    // however often it was marked before. Returns a ticket for when_committed(); tickets grow.
    // Throws std::invalid_argument for a kind without a renderer.
    std::uint64_t mark(std::string_view kind, std::string key);

    // The last ticket handed out: when_committed() of it waits for everything marked so far.
    std::uint64_t last_ticket() const;

    // Every record of the kind is deleted at the next commit, before that commit's writes
    // (for resets), and the tags appended and not yet cut are dropped. Returns a ticket like
    // mark().
    std::uint64_t erase_kind(std::string_view kind);

    // Calls done after the commit covering the ticket: on the writer thread, or at once when it
    // is already committed. A failed commit calls done(false) and keeps its records dirty for
    // the next one (a new mark, a flush(), or a retry a second later).
    void when_committed(std::uint64_t ticket, completion done);

    // Blocks until a commit covers everything marked so far; returns false when it failed.
    // After start(), and not from a completion (which runs on the writer thread).
    bool flush();

    write_stats stats() const;

private:
    using steady = std::chrono::steady_clock;

    // The dirty records of one kind, and how to render them; for a kind that takes appended
    // tags, also its open chunk, if any: when its first tag came, and the smallest and largest.
    struct kind_queue {
        std::string kind;
        renderer render;
        std::unordered_set<std::string> dirty;
        bool erase_all = false;
        std::optional<chunking> chunks;
        bool open = false;
        steady::time_point open_since{};
        std::uint64_t open_first = 0;
        std::uint64_t open_last = 0;
    };

    // What one commit takes from a kind's queue.
    struct taken_kind {
        std::size_t kind = 0; // its index in kinds_
        std::unordered_set<std::string> keys;
        bool erase_all = false;
    };

    // What one commit takes from the queues: everything marked up to ticket.
    struct taken {
        std::uint64_t ticket = 0;
        std::vector<taken_kind> kinds;
    };

    // How one commit went.
    struct outcome {
        std::optional<std::string> error; // nullopt when committed
        std::chrono::duration<double> latency{};
        std::size_t records = 0;
    };

    kind_queue& queue_of(std::string_view kind);
    void cut_open(kind_queue& queue);
    bool must_cut(const kind_queue& queue, steady::time_point now) const;
    bool any_open() const;
    bool commit_due(steady::time_point now) const;
    std::optional<steady::time_point> next_due() const;
    taken take(steady::time_point now);
    void put_back(taken& failed);
    void writer();
    outcome write(const taken& work) const; // unlocked
    void count_commit(const outcome& done);
    void await_whole_checkpoint(std::unique_lock<std::mutex>& lock);
    void checkpointer();
    std::vector<completion> completed_until(std::uint64_t ticket);

    state_file& file_;
    const std::chrono::microseconds gather_;
    const checkpoint_policy checkpoints_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<kind_queue> kinds_;
    std::uint64_t last_ticket_ = 0;      // the last one handed out
    std::uint64_t committed_ticket_ = 0; // every ticket up to it is committed
    std::uint64_t taken_ticket_ = 0;     // the commit under way, or the last, covers up to it
    std::uint64_t attempted_ticket_ = 0; // the last commit, failed or not, covered up to it
    bool retry_ = false;                 // flush() asks for a commit even after a failure
    bool failing_ = false;               // the last commit failed (logged once per outage)
    steady::time_point retry_at_{};      // ... and is tried again then
    bool writer_idle_ = false;           // the writer waits for something to commit
    // The checkpointer's side: commits since its last checkpoint, a checkpoint the writer
    // waits for, and the checkpoints begun and ended.
    bool committed_since_checkpoint_ = false;
    bool whole_checkpoint_wanted_ = false;
    bool checkpoint_failing_ = false;
    std::uint64_t checkpoints_begun_ = 0;
    std::uint64_t checkpoints_ended_ = 0;
    std::condition_variable checkpoint_wake_;
    std::condition_variable checkpoint_ended_;
    bool stopping_ = false;
    std::multimap<std::uint64_t, completion> waiters_;
    write_stats stats_;
    std::thread thread_;
    std::thread checkpoint_thread_;
};

} // namespace emu::storage
