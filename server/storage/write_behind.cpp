#include "server/storage/write_behind.hpp"

#include "server/support/log.hpp"

#include <algorithm>
#include <future>
#include <limits>
#include <stdexcept>
#include <utility>

namespace emu::storage {

namespace {

// How long the writer waits before trying a failed commit again, unless a mark or a flush()
// comes first.
constexpr std::chrono::seconds retry_delay{1};

} // namespace

write_behind::write_behind(state_file& file,
                           std::chrono::microseconds gather,
                           checkpoint_policy checkpoints)
    : file_(file)
    , gather_(gather)
    , checkpoints_(checkpoints) {}

write_behind::~write_behind() {
    if (!thread_.joinable()) {
        return;
    }
    flush();
    {
        std::lock_guard lock{mutex_};
        stopping_ = true;
    }
    wake_.notify_one();
    checkpoint_wake_.notify_one();
    checkpoint_ended_.notify_all(); // a writer awaiting a checkpoint the checkpointer now skips
    thread_.join();
    checkpoint_thread_.join();
}

void write_behind::on_render(std::string kind, renderer render) {
    std::lock_guard lock{mutex_};
    kinds_.push_back({std::move(kind), std::move(render), {}, false, {}, false, {}, 0, 0});
}

void write_behind::on_append(std::string_view kind, chunking how) {
    std::lock_guard lock{mutex_};
    queue_of(kind).chunks = std::move(how);
}

void write_behind::append(std::string_view kind, std::uint64_t tag) {
    bool first = false;
    {
        std::lock_guard lock{mutex_};
        auto& queue = queue_of(kind);
        if (!queue.chunks) {
            throw std::invalid_argument("write_behind: records of kind \"" + std::string(kind) +
                                        "\" take no appended tags");
        }
        if (!queue.open) {
            queue.open = true;
            queue.open_since = steady::now();
            queue.open_first = tag;
            queue.open_last = tag;
            first = writer_idle_; // an idle writer learns when to cut the chunk
        } else {
            queue.open_first = std::min(queue.open_first, tag);
            queue.open_last = std::max(queue.open_last, tag);
        }
    }
    if (first) {
        wake_.notify_one();
    }
}

void write_behind::seal(std::string_view kind) {
    bool idle = false;
    {
        std::lock_guard lock{mutex_};
        auto& queue = queue_of(kind);
        if (!queue.open) {
            return;
        }
        cut_open(queue);
        idle = writer_idle_;
    }
    if (idle) {
        wake_.notify_one();
    }
}

void write_behind::cut_open(kind_queue& queue) {
    auto& how = *queue.chunks;
    const auto number = how.next_chunk++;
    queue.dirty.insert(how.key(number));
    how.cut(number, queue.open_first, queue.open_last);
    queue.open = false;
    ++last_ticket_; // the chunk's mark
}

bool write_behind::must_cut(const kind_queue& queue, steady::time_point now) const {
    return queue.open && (retry_ || stopping_ || now >= queue.open_since + queue.chunks->gather);
}

bool write_behind::any_open() const {
    return std::any_of(
        kinds_.begin(), kinds_.end(), [](const kind_queue& queue) { return queue.open; });
}

void write_behind::start() {
    thread_ = std::thread([this] { writer(); });
    checkpoint_thread_ = std::thread([this] { checkpointer(); });
}

std::uint64_t write_behind::mark(std::string_view kind, std::string key) {
    std::uint64_t ticket = 0;
    bool idle = false;
    {
        std::lock_guard lock{mutex_};
        // Only an idle writer needs waking: a busy or gathering one takes this mark with the
        // rest (a wake-up per poll would cost a context switch per poll).
        idle = writer_idle_;
        queue_of(kind).dirty.insert(std::move(key));
        ticket = ++last_ticket_;
    }
    if (idle) {
        wake_.notify_one();
    }
    return ticket;
}

std::uint64_t write_behind::last_ticket() const {
    std::lock_guard lock{mutex_};
    return last_ticket_;
}

std::uint64_t write_behind::erase_kind(std::string_view kind) {
    std::uint64_t ticket = 0;
    {
        std::lock_guard lock{mutex_};
        auto& queue = queue_of(kind);
        queue.erase_all = true;
        queue.open = false;
        ticket = ++last_ticket_;
    }
    wake_.notify_one();
    return ticket;
}

void write_behind::when_committed(std::uint64_t ticket, completion done) {
    {
        std::lock_guard lock{mutex_};
        if (ticket > committed_ticket_) {
            waiters_.emplace(ticket, std::move(done));
            wake_.notify_one(); // a gathering writer commits now
            return;
        }
    }
    done(true);
}

bool write_behind::flush() {
    if (!thread_.joinable()) {
        throw std::logic_error("write_behind::flush() before start()");
    }
    std::promise<bool> result;
    {
        std::lock_guard lock{mutex_};
        const bool open = any_open();
        if (committed_ticket_ >= last_ticket_ && !open) {
            return true;
        }
        // A commit under way that covers everything answers (one that leaves chunks open does
        // not); otherwise commit, even right after a failure.
        bool answered = !open && taken_ticket_ > attempted_ticket_ && taken_ticket_ >= last_ticket_;
        retry_ = retry_ || !answered;
        waiters_.emplace(last_ticket_, [&result](bool ok) { result.set_value(ok); });
    }
    wake_.notify_one();
    return result.get_future().get();
}

write_stats write_behind::stats() const {
    write_stats copy;
    {
        std::lock_guard lock{mutex_};
        copy = stats_;
    }
    copy.file_bytes = file_.file_bytes();
    return copy;
}

write_behind::kind_queue& write_behind::queue_of(std::string_view kind) {
    auto found = std::find_if(
        kinds_.begin(), kinds_.end(), [&](const kind_queue& queue) { return queue.kind == kind; });
    if (found == kinds_.end()) {
        throw std::invalid_argument("write_behind: no renderer for records of kind \"" +
                                    std::string(kind) + "\"");
    }
    return *found;
}

bool write_behind::commit_due(steady::time_point now) const {
    const bool uncommitted = committed_ticket_ < last_ticket_;
    if (last_ticket_ > attempted_ticket_ || (retry_ && uncommitted)) {
        return true;
    }
    if (failing_ && uncommitted && now >= retry_at_) {
        return true;
    }
    return std::any_of(kinds_.begin(), kinds_.end(), [&](const kind_queue& queue) {
        return must_cut(queue, now);
    });
}

std::optional<write_behind::steady::time_point> write_behind::next_due() const {
    std::optional<steady::time_point> due;
    const auto at = [&due](steady::time_point then) {
        due = due ? std::min(*due, then) : then;
    };
    if (failing_ && committed_ticket_ < last_ticket_) {
        at(retry_at_);
    }
    for (const auto& queue : kinds_) {
        if (queue.open) {
            at(queue.open_since + queue.chunks->gather);
        }
    }
    return due;
}

write_behind::taken write_behind::take(steady::time_point now) {
    taken work;
    for (std::size_t index = 0; index < kinds_.size(); ++index) {
        auto& queue = kinds_[index];
        if (must_cut(queue, now)) {
            cut_open(queue);
        }
        if (queue.dirty.empty() && !queue.erase_all) {
            continue;
        }
        work.kinds.push_back({index, std::exchange(queue.dirty, {}), queue.erase_all});
        queue.erase_all = false;
    }
    work.ticket = last_ticket_; // with the marks of the chunks cut
    retry_ = false;
    taken_ticket_ = work.ticket;
    return work;
}

void write_behind::put_back(taken& failed) {
    for (auto& kind : failed.kinds) {
        auto& queue = kinds_[kind.kind];
        queue.dirty.merge(kind.keys);
        queue.erase_all = queue.erase_all || kind.erase_all;
    }
}

write_behind::outcome write_behind::write(const taken& work) const {
    outcome result;
    try {
        batch writes;
        for (const auto& kind : work.kinds) {
            // Renderers and kind names do not change after start(): read without the lock.
            const auto& queue = kinds_[kind.kind];
            if (kind.erase_all) {
                writes.erased_kinds.push_back(queue.kind);
            }
            for (const auto& key : kind.keys) {
                writes.changes.push_back({queue.kind, key, queue.render(key)});
            }
        }
        auto began = std::chrono::steady_clock::now();
        file_.commit(writes);
        result.latency = std::chrono::steady_clock::now() - began;
        result.records = writes.changes.size();
    } catch (const std::exception& failure) {
        result.error = failure.what();
    }
    return result;
}

void write_behind::count_commit(const outcome& done) {
    ++stats_.commits;
    stats_.records_written += done.records;
    const auto& bounds = write_stats::latency_bounds;
    auto bucket = std::lower_bound(bounds.begin(), bounds.end(), done.latency.count());
    ++stats_.commit_latency_buckets[static_cast<std::size_t>(bucket - bounds.begin())];
    stats_.commit_seconds_sum += done.latency.count();
}

void write_behind::await_whole_checkpoint(std::unique_lock<std::mutex>& lock) {
    // One begun from now on copies the whole log: the writer commits nothing meanwhile.
    const auto awaited = checkpoints_begun_ + 1;
    whole_checkpoint_wanted_ = true;
    checkpoint_wake_.notify_one();
    checkpoint_ended_.wait(lock, [&] { return stopping_ || checkpoints_ended_ >= awaited; });
}

void write_behind::checkpointer() {
    std::unique_lock lock{mutex_};
    const auto wanted_now = [this] {
        return stopping_ || whole_checkpoint_wanted_;
    };
    for (;;) {
        if (stopping_) {
            break; // closing the file checkpoints what is left
        }
        if (!whole_checkpoint_wanted_) {
            if (!committed_since_checkpoint_) {
                checkpoint_wake_.wait(lock,
                                      [&] { return wanted_now() || committed_since_checkpoint_; });
                continue;
            }
            if (checkpoint_wake_.wait_for(lock, checkpoints_.interval, wanted_now)) {
                continue;
            }
        }
        whole_checkpoint_wanted_ = false;
        committed_since_checkpoint_ = false;
        ++checkpoints_begun_;
        lock.unlock();
        std::optional<std::string> error;
        try {
            file_.checkpoint();
        } catch (const write_failure& failure) {
            error = failure.what();
        }
        lock.lock();
        ++checkpoints_ended_;
        if (!error) {
            ++stats_.checkpoints;
        } else {
            // The log keeps every commit; another checkpoint comes after the interval.
            committed_since_checkpoint_ = true;
        }
        const bool first_failure = error && !checkpoint_failing_;
        const bool recovered = !error && checkpoint_failing_;
        checkpoint_failing_ = error.has_value();
        checkpoint_ended_.notify_all();
        if (first_failure || recovered) {
            lock.unlock();
            if (first_failure) {
                log::error("state file: checkpoint failed, retrying: " + *error);
            } else {
                log::info("state file: checkpoints succeed again");
            }
            lock.lock();
        }
    }
}

std::vector<write_behind::completion> write_behind::completed_until(std::uint64_t ticket) {
    std::vector<completion> done;
    auto end = waiters_.upper_bound(ticket);
    for (auto waiter = waiters_.begin(); waiter != end; ++waiter) {
        done.push_back(std::move(waiter->second));
    }
    waiters_.erase(waiters_.begin(), end);
    return done;
}

void write_behind::writer() {
    std::unique_lock lock{mutex_};
    for (;;) {
        if (!commit_due(steady::now())) {
            if (stopping_) {
                break;
            }
            if (committed_ticket_ >= last_ticket_) {
                retry_ = false; // a flush() answered by the commit that was under way
            }
            writer_idle_ = true;
            if (const auto due = next_due()) {
                wake_.wait_until(lock, *due);
            } else {
                wake_.wait(lock);
            }
            writer_idle_ = false;
            continue;
        }
        // Marks alone wait to be gathered; a waiter (an answer held for its commit) is not kept.
        if (gather_.count() > 0 && !retry_ && !stopping_ && waiters_.empty()) {
            wake_.wait_for(
                lock, gather_, [this] { return stopping_ || retry_ || !waiters_.empty(); });
        }
        auto work = take(steady::now());
        lock.unlock();
        auto result = write(work);
        lock.lock();
        attempted_ticket_ = work.ticket;
        bool recovered = false;
        bool first_failure = false;
        if (result.error) {
            put_back(work);
            ++stats_.failed_commits;
            first_failure = !failing_;
            failing_ = true;
            retry_at_ = steady::now() + retry_delay;
        } else {
            committed_ticket_ = work.ticket;
            count_commit(result);
            recovered = failing_;
            failing_ = false;
            if (!committed_since_checkpoint_) {
                committed_since_checkpoint_ = true;
                checkpoint_wake_.notify_one();
            }
        }
        auto done = completed_until(work.ticket);
        lock.unlock();
        if (first_failure) {
            log::error("state file: commit failed, retrying (its records stay dirty): " +
                       *result.error);
        } else if (recovered) {
            log::info("state file: commits succeed again");
        }
        for (auto& waiter : done) {
            waiter(!result.error);
        }
        lock.lock();
        // The file is the writer's: its log length is read here, after its commit.
        if (!result.error && file_.wal_frames() >= checkpoints_.max_frames) {
            await_whole_checkpoint(lock);
        }
    }
    auto abandoned = completed_until(std::numeric_limits<std::uint64_t>::max());
    bool unwritten = committed_ticket_ < last_ticket_;
    lock.unlock();
    if (unwritten) {
        log::error("state file: stopped with records not written (the last commit failed)");
    }
    for (auto& waiter : abandoned) {
        waiter(false);
    }
}

} // namespace emu::storage
