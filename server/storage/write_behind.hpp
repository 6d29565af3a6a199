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
    // Commits per latency bucket, not cumulative: counts[i] took at most latency_bounds[i] and
    // more than the bound before; the last counts those over every bound (+Inf).
    std::array<std::uint64_t, latency_bounds.size() + 1> commit_latency_buckets{};
    double commit_seconds_sum = 0;
    std::uint64_t file_bytes = 0; // the database file and its write-ahead log
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
    explicit write_behind(state_file& file, std::chrono::microseconds gather = {});

    write_behind(const write_behind&) = delete;
    write_behind& operator=(const write_behind&) = delete;

    // Commits what is marked (flush()) and stops the writer.
    ~write_behind();

    // Registers the renderer of a kind of record; before start().
    void on_render(std::string kind, renderer render);

    // Starts the writer thread.
    void start();

    // The record (kind, key) changed: it is written at the next commit, rendered then, once
    // however often it was marked before. Returns a ticket for when_committed(); tickets grow.
    // Throws std::invalid_argument for a kind without a renderer.
    std::uint64_t mark(std::string_view kind, std::string key);

    // The last ticket handed out: when_committed() of it waits for everything marked so far.
    std::uint64_t last_ticket() const;

    // Every record of the kind is deleted at the next commit, before that commit's writes
    // (for resets). Returns a ticket like mark().
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
    // The dirty records of one kind, and how to render them.
    struct kind_queue {
        std::string kind;
        renderer render;
        std::unordered_set<std::string> dirty;
        bool erase_all = false;
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
    bool has_work() const;
    taken take();
    void put_back(taken& failed);
    void writer();
    outcome write(const taken& work) const; // unlocked
    void count_commit(const outcome& done);
    std::vector<completion> completed_until(std::uint64_t ticket);

    state_file& file_;
    const std::chrono::microseconds gather_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<kind_queue> kinds_;
    std::uint64_t last_ticket_ = 0;      // the last one handed out
    std::uint64_t committed_ticket_ = 0; // every ticket up to it is committed
    std::uint64_t taken_ticket_ = 0;     // the commit under way, or the last, covers up to it
    std::uint64_t attempted_ticket_ = 0; // the last commit, failed or not, covered up to it
    bool retry_ = false;                 // flush() asks for a commit even after a failure
    bool failing_ = false;               // the last commit failed (logged once per outage)
    bool stopping_ = false;
    std::multimap<std::uint64_t, completion> waiters_;
    write_stats stats_;
    std::thread thread_;
};

} // namespace emu::storage
