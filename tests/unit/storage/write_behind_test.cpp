// The commit queue: coalesced marks, rendering at commit, tickets and their completions,
// deletes and erased kinds, failed commits, stats, and commits that survive a SIGKILL.
#include "server/storage/write_behind.hpp"
#include "server/support/log.hpp"
#include "tests/unit/storage/storage_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <csignal>
#include <future>
#include <map>
#include <mutex>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <vector>

namespace {

using emu::storage::record;
using emu::storage::state_file;
using emu::storage::write_behind;
using emu::testing::temp_directory;
using namespace std::chrono_literals;

// Waits at most 10 s for a future, failing the test on a timeout.
template <typename T>
T wait(std::future<T>& future) {
    BOOST_TEST_REQUIRE((future.wait_for(10s) == std::future_status::ready), "timed out after 10 s");
    return future.get();
}

// The records a test changes, rendered from here; counts renders, and can block or fail them.
class model {
public:
    void set(const std::string& key, std::string value) {
        std::lock_guard lock{mutex_};
        values_[key] = std::move(value);
    }

    void remove(const std::string& key) {
        std::lock_guard lock{mutex_};
        values_.erase(key);
    }

    // Renders throw while failing.
    void fail(bool failing) { failing_ = failing; }

    // The next render tells `started`, then waits for release().
    void hold_next() {
        std::lock_guard lock{mutex_};
        held_ = std::promise<void>();
        release_ = std::promise<void>();
        holding_ = true;
    }

    std::future<void> started() { return held_.get_future(); }

    void release() { release_.set_value(); }

    int renders() const { return renders_; }

    write_behind::renderer renderer() {
        return [this](const std::string& key) {
            return render(key);
        };
    }

private:
    std::optional<std::string> render(const std::string& key) {
        ++renders_;
        std::unique_lock lock{mutex_};
        if (std::exchange(holding_, false)) {
            auto released = release_.get_future();
            held_.set_value();
            lock.unlock();
            released.wait_for(10s);
            lock.lock();
        }
        if (failing_) {
            throw std::runtime_error("render failed on purpose");
        }
        auto found = values_.find(key);
        return found == values_.end() ? std::nullopt : std::optional(found->second);
    }

    std::mutex mutex_;
    std::map<std::string, std::string> values_;
    std::atomic<bool> failing_{false};
    std::atomic<int> renders_{0};
    bool holding_ = false;
    std::promise<void> held_;
    std::promise<void> release_;
};

// A state file in a temporary directory, a model of jobs and uploads, and a started queue.
// The queue's checkpointer waits an hour: no file changes behind a test's back.
struct queue_fixture {
    explicit queue_fixture(std::chrono::microseconds gather = {})
        : file(state_file::open(dir / "state.db", "1.0.0"))
        , queue(*file, gather, {.interval = std::chrono::hours{1}}) {
        queue.on_render("job", jobs.renderer());
        queue.on_render("upload", uploads.renderer());
    }

    temp_directory dir;
    std::unique_ptr<state_file> file;
    model jobs;
    model uploads;
    write_behind queue;
};

// Captures the log lines at info level and above until destroyed.
struct captured_log {
    captured_log() {
        emu::log::set_level(emu::log::level::info);
        emu::log::set_sink([this](std::string_view line) {
            std::lock_guard lock{mutex};
            lines.emplace_back(line);
        });
    }

    ~captured_log() { emu::log::set_sink({}); }

    std::vector<std::string> taken() {
        std::lock_guard lock{mutex};
        return lines;
    }

    std::mutex mutex;
    std::vector<std::string> lines;
};

} // namespace

BOOST_AUTO_TEST_SUITE(write_behind_queue)

BOOST_FIXTURE_TEST_CASE(marked_records_are_rendered_and_committed, queue_fixture) {
    jobs.set("a", "A");
    uploads.set("u", "U");
    queue.start();
    queue.mark("job", "a");
    queue.mark("upload", "u");
    BOOST_TEST(queue.flush());
    BOOST_TEST(file->load() == (std::vector<record>{{"job", "a", "A"}, {"upload", "u", "U"}}),
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_thousand_marks_of_one_record_before_a_commit_write_it_once,
                        queue_fixture) {
    jobs.set("a", "A");
    for (int i = 0; i < 1000; ++i) {
        queue.mark("job", "a");
    }
    queue.start();
    BOOST_TEST(queue.flush());
    auto stats = queue.stats();
    BOOST_TEST(stats.commits == 1u);
    BOOST_TEST(stats.records_written == 1u);
    BOOST_TEST(jobs.renders() == 1);
    BOOST_TEST(file->load().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(marks_during_a_commit_coalesce_into_the_next, queue_fixture) {
    jobs.set("a", "A");
    queue.start();
    jobs.hold_next();
    auto started = jobs.started();
    queue.mark("job", "a");
    wait(started); // the first commit has taken its records and renders them
    for (int i = 0; i < 1000; ++i) {
        queue.mark("job", "a");
    }
    jobs.release();
    BOOST_TEST(queue.flush());
    auto stats = queue.stats();
    BOOST_TEST(stats.commits == 2u);
    BOOST_TEST(stats.records_written == 2u);
    BOOST_TEST(file->load() == (std::vector<record>{{"job", "a", "A"}}),
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(tickets_grow_and_complete_in_order_once_committed, queue_fixture) {
    for (auto key : {"a", "b", "c"}) {
        jobs.set(key, key);
    }
    queue.start();
    jobs.hold_next();
    auto started = jobs.started();
    auto first = queue.mark("job", "a");
    wait(started);
    auto second = queue.mark("job", "b");
    auto third = queue.erase_kind("upload");
    BOOST_TEST(first < second);
    BOOST_TEST(second < third);

    std::mutex mutex;
    std::vector<std::uint64_t> order; // the tickets completed with ok, as they were
    std::promise<void> all_done;
    auto done = [&](std::uint64_t ticket) {
        return [&, ticket](bool ok) {
            std::lock_guard lock{mutex};
            order.push_back(ok ? ticket : 0);
            if (order.size() == 3) {
                all_done.set_value();
            }
        };
    };
    queue.when_committed(third, done(third));
    queue.when_committed(first, done(first));
    queue.when_committed(second, done(second));
    jobs.release();
    auto finished = all_done.get_future();
    wait(finished);
    BOOST_TEST(order == (std::vector<std::uint64_t>{first, second, third}),
               boost::test_tools::per_element());
    BOOST_TEST(queue.stats().commits == 2u);

    auto caller = std::this_thread::get_id();
    std::thread::id called_on;
    queue.when_committed(second, [&](bool ok) {
        BOOST_TEST(ok);
        called_on = std::this_thread::get_id();
    });
    BOOST_TEST((called_on == caller)); // already committed: at once, on this thread
}

BOOST_FIXTURE_TEST_CASE(a_record_rendered_as_nullopt_is_deleted, queue_fixture) {
    jobs.set("a", "A");
    jobs.set("b", "B");
    queue.start();
    queue.mark("job", "a");
    queue.mark("job", "b");
    BOOST_TEST(queue.flush());
    jobs.remove("a");
    queue.mark("job", "a");
    queue.mark("job", "never-existed");
    BOOST_TEST(queue.flush());
    BOOST_TEST(file->load() == (std::vector<record>{{"job", "b", "B"}}),
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(erase_kind_deletes_the_kind_before_the_commits_puts, queue_fixture) {
    jobs.set("a", "A");
    jobs.set("b", "B");
    uploads.set("u", "U");
    queue.start();
    for (auto key : {"a", "b"}) {
        queue.mark("job", key);
    }
    queue.mark("upload", "u");
    BOOST_TEST(queue.flush());
    // A reset: every job goes, then a new one is launched, all before the next commit.
    jobs.remove("a");
    jobs.remove("b");
    jobs.set("c", "C");
    queue.erase_kind("job");
    queue.mark("job", "c");
    BOOST_TEST(queue.flush());
    BOOST_TEST(file->load() == (std::vector<record>{{"job", "c", "C"}, {"upload", "u", "U"}}),
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_failed_commit_keeps_its_records_dirty_and_logs_once, queue_fixture) {
    captured_log log;
    jobs.set("a", "A");
    jobs.fail(true);
    queue.start();
    auto ticket = queue.mark("job", "a");
    std::promise<bool> outcome;
    queue.when_committed(ticket, [&](bool ok) { outcome.set_value(ok); });
    auto committed = outcome.get_future();
    BOOST_TEST(!wait(committed));
    BOOST_TEST(!queue.flush()); // a second try, failing too
    // At least 2: on a stalled machine the retry a second later may have failed as well.
    BOOST_TEST(queue.stats().failed_commits >= 2u);
    BOOST_TEST(queue.stats().commits == 0u);

    jobs.fail(false);
    BOOST_TEST(queue.flush()); // the record stayed dirty: this commit writes it
    BOOST_TEST(file->load() == (std::vector<record>{{"job", "a", "A"}}),
               boost::test_tools::per_element());
    auto lines = log.taken();
    BOOST_TEST_REQUIRE(lines.size() == 2u);
    BOOST_TEST(lines[0] == "edenmock error: state file: commit failed, retrying (its records stay "
                           "dirty): render failed on purpose");
    BOOST_TEST(lines[1] == "edenmock info: state file: commits succeed again");
}

BOOST_FIXTURE_TEST_CASE(ten_thousand_marks_from_four_threads_all_land, queue_fixture) {
    constexpr int per_thread = 2500;
    for (int t = 0; t < 4; ++t) {
        for (int i = 0; i < per_thread; ++i) {
            jobs.set(std::to_string(t) + "-" + std::to_string(i), "{}");
        }
    }
    queue.start();
    std::vector<std::thread> producers;
    for (int t = 0; t < 4; ++t) {
        producers.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                queue.mark("job", std::to_string(t) + "-" + std::to_string(i));
            }
        });
    }
    for (auto& producer : producers) {
        producer.join();
    }
    BOOST_TEST(queue.flush());
    auto stats = queue.stats();
    BOOST_TEST(stats.records_written == 4u * per_thread);
    BOOST_TEST(file->load().size() == 4u * per_thread);
    std::uint64_t bucketed = 0;
    for (auto count : stats.commit_latency_buckets) {
        bucketed += count;
    }
    BOOST_TEST(bucketed == stats.commits);
    BOOST_TEST(stats.commit_seconds_sum > 0);
    BOOST_TEST(stats.file_bytes == file->file_bytes());
    BOOST_TEST(stats.file_bytes > 0u);
    BOOST_TEST_MESSAGE("10,000 marks from 4 threads: " << stats.commits << " commits");
}

BOOST_FIXTURE_TEST_CASE(a_gathering_queue_commits_too, queue_fixture) {
    write_behind gathering(*file, 2ms);
    gathering.on_render("job", jobs.renderer());
    jobs.set("a", "A");
    gathering.start();
    auto ticket = gathering.mark("job", "a");
    std::promise<bool> outcome;
    gathering.when_committed(ticket, [&](bool ok) { outcome.set_value(ok); });
    auto committed = outcome.get_future();
    BOOST_TEST(wait(committed));
    BOOST_TEST(file->load().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(destroying_the_queue_commits_what_is_marked, queue_fixture) {
    auto other = std::make_unique<write_behind>(*file);
    other->on_render("job", jobs.renderer());
    jobs.set("a", "A");
    other->start();
    other->mark("job", "a");
    other.reset();
    BOOST_TEST(file->load().size() == 1u);
}

// With a log limit of one page, the commit after the first waits for a checkpoint of the whole
// log, so it restarts the log from its beginning instead of growing it.
BOOST_FIXTURE_TEST_CASE(a_log_over_its_limit_is_checkpointed_whole_before_the_next_commit,
                        queue_fixture) {
    write_behind limited(*file, {}, {.interval = std::chrono::hours{1}, .max_frames = 1});
    limited.on_render("job", jobs.renderer());
    jobs.set("a", std::string(20000, 'a'));
    jobs.set("b", std::string(20000, 'b'));
    limited.start();
    limited.mark("job", "a");
    BOOST_TEST(limited.flush());
    const auto first = file->wal_frames();
    BOOST_TEST(first > 1u);
    limited.mark("job", "b");
    BOOST_TEST(limited.flush());
    BOOST_TEST(limited.stats().checkpoints >= 1u);
    BOOST_TEST(file->wal_frames() <= first); // restarted: it holds the second commit alone
    BOOST_TEST(file->load().size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(a_kind_without_a_renderer_cannot_be_marked, queue_fixture) {
    BOOST_CHECK_THROW(queue.mark("clock", "t"), std::invalid_argument);
    BOOST_CHECK_THROW(queue.erase_kind("clock"), std::invalid_argument);
}

BOOST_FIXTURE_TEST_CASE(a_kind_without_on_append_takes_no_appended_text, queue_fixture) {
    BOOST_CHECK_THROW(queue.append("job", 1), std::invalid_argument);
    BOOST_CHECK_THROW(queue.append("clock", 1), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// The queue fixture with a kind "log" that takes appended tags: its chunks are cut from 7 on,
// keyed "c<number>" and rendered from `logs`, each cut noted "<number>:<first tag>-<last tag>";
// a chunk waits `gather` for its cut.
struct log_fixture : queue_fixture {
    explicit log_fixture(std::chrono::milliseconds gather = {}) {
        queue.on_render("log", logs.renderer());
        queue.on_append("log",
                        {7,
                         [](std::uint64_t chunk) { return "c" + std::to_string(chunk); },
                         [this](std::uint64_t chunk, std::uint64_t first, std::uint64_t last) {
                             std::lock_guard lock{cuts_mutex};
                             cuts.push_back(std::to_string(chunk) + ":" + std::to_string(first) +
                                            "-" + std::to_string(last));
                         },
                         gather});
    }

    std::vector<std::string> cut() {
        std::lock_guard lock{cuts_mutex};
        return cuts;
    }

    model logs;
    std::mutex cuts_mutex;
    std::vector<std::string> cuts;
};

// A log whose chunks wait an hour for their cut, unless a flush() or seal() cuts them.
struct gathered_log_fixture : log_fixture {
    gathered_log_fixture()
        : log_fixture(std::chrono::hours{1}) {}
};

// A log whose chunks wait a millisecond for their cut.
struct briefly_gathered_log_fixture : log_fixture {
    briefly_gathered_log_fixture()
        : log_fixture(std::chrono::milliseconds{1}) {}
};

} // namespace

BOOST_AUTO_TEST_SUITE(write_behind_appends)

BOOST_FIXTURE_TEST_CASE(tags_appended_between_commits_become_one_chunk_each_commit, log_fixture) {
    logs.set("c7", "a\nb");
    logs.set("c8", "c");
    queue.append("log", 1);
    queue.append("log", 2);
    queue.start();
    BOOST_TEST(queue.flush());
    queue.append("log", 3);
    BOOST_TEST(queue.flush());
    BOOST_TEST(file->load() == (std::vector<record>{{"log", "c7", "a\nb"}, {"log", "c8", "c"}}),
               boost::test_tools::per_element());
    BOOST_TEST(cut() == (std::vector<std::string>{"7:1-2", "8:3-3"}),
               boost::test_tools::per_element());
    BOOST_TEST(logs.renders() == 2); // each chunk once, when its commit is written
}

BOOST_FIXTURE_TEST_CASE(a_sealed_chunk_marked_again_is_rendered_once, log_fixture) {
    logs.set("c7", "b"); // a's record forgotten before chunk 7 was written
    logs.set("c8", "c");
    queue.append("log", 1);
    queue.append("log", 2);
    queue.seal("log");
    queue.append("log", 3); // the next chunk
    queue.mark("log", "c7");
    queue.start();
    BOOST_TEST(queue.flush());
    BOOST_TEST(file->load() == (std::vector<record>{{"log", "c7", "b"}, {"log", "c8", "c"}}),
               boost::test_tools::per_element());
    BOOST_TEST(logs.renders() == 2);
    logs.remove("c7"); // every record of chunk 7 dropped: it is deleted
    queue.mark("log", "c7");
    BOOST_TEST(queue.flush());
    BOOST_TEST(file->load() == (std::vector<record>{{"log", "c8", "c"}}),
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(erase_kind_drops_the_tags_not_yet_cut, log_fixture) {
    jobs.set("j", "J");
    logs.set("c7", "a");
    logs.set("c9", "d");
    queue.start();
    queue.append("log", 1);
    BOOST_TEST(queue.flush());
    jobs.hold_next();
    auto started = jobs.started();
    queue.mark("job", "j");
    wait(started); // a commit under way: what follows waits for the next one
    queue.append("log", 2);
    queue.seal("log"); // chunk 8, rendered after the erase: its record is gone
    queue.append("log", 3);
    queue.erase_kind("log");
    queue.append("log", 4);
    jobs.release();
    BOOST_TEST(queue.flush());
    BOOST_TEST(file->load() == (std::vector<record>{{"job", "j", "J"}, {"log", "c9", "d"}}),
               boost::test_tools::per_element());
    BOOST_TEST(cut() == (std::vector<std::string>{"7:1-1", "8:2-2", "9:4-4"}),
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_failed_commit_keeps_its_chunks_for_the_next, log_fixture) {
    captured_log log; // the failure's line, kept out of the test's output
    jobs.set("a", "A");
    logs.set("c7", "x");
    logs.set("c8", "y");
    jobs.fail(true); // its render fails the commit the chunk is in
    queue.start();
    queue.append("log", 1);
    queue.mark("job", "a");
    BOOST_TEST(!queue.flush());
    queue.append("log", 2);
    jobs.fail(false);
    BOOST_TEST(queue.flush());
    BOOST_TEST(file->load() ==
                   (std::vector<record>{{"job", "a", "A"}, {"log", "c7", "x"}, {"log", "c8", "y"}}),
               boost::test_tools::per_element());
    BOOST_TEST(cut() == (std::vector<std::string>{"7:1-1", "8:2-2"}),
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_gathering_chunk_stays_open_through_commits_until_a_flush,
                        gathered_log_fixture) {
    jobs.set("j", "J");
    logs.set("c7", "line");
    queue.append("log", 1);
    const auto marked = queue.mark("job", "j");
    std::promise<bool> committed;
    queue.when_committed(marked, [&](bool ok) { committed.set_value(ok); });
    queue.start();
    auto committed_done = committed.get_future();
    BOOST_TEST(wait(committed_done)); // the mark after the tag does not wait for its chunk
    BOOST_TEST(jobs.renders() == 1);
    BOOST_TEST(logs.renders() == 0);
    BOOST_TEST(cut().empty());
    BOOST_TEST(queue.flush());
    BOOST_TEST(cut() == (std::vector<std::string>{"7:1-1"}), boost::test_tools::per_element());
    BOOST_TEST(queue.stats().commits == 2u);
    BOOST_TEST(file->load() == (std::vector<record>{{"job", "j", "J"}, {"log", "c7", "line"}}),
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_gathering_chunk_is_cut_when_its_gather_ends,
                        briefly_gathered_log_fixture) {
    logs.set("c7", "line");
    logs.hold_next();
    auto rendered = logs.started();
    queue.start();
    queue.append("log", 1);
    wait(rendered); // nothing waits for it: its gather's end alone cut it
    logs.release();
    BOOST_TEST(queue.flush());
    BOOST_TEST(file->load() == (std::vector<record>{{"log", "c7", "line"}}),
               boost::test_tools::per_element());
    BOOST_TEST(cut() == (std::vector<std::string>{"7:1-1"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(write_behind_durability)

// The child opens the file, commits, tells the parent, and is killed: no flush, no destructor.
BOOST_AUTO_TEST_CASE(a_committed_record_survives_a_sigkill) {
    temp_directory dir;
    auto path = dir / "state.db";
    emu::testing::forked_child child([&](int, int out) {
        auto file = state_file::open(path, "1.0.0");
        model jobs;
        jobs.set("a", "A");
        jobs.set("b", "B");
        write_behind queue(*file);
        queue.on_render("job", jobs.renderer());
        queue.start();
        queue.mark("job", "a");
        auto ticket = queue.mark("job", "b");
        std::promise<bool> outcome;
        queue.when_committed(ticket, [&](bool ok) { outcome.set_value(ok); });
        auto committed = outcome.get_future();
        if (committed.wait_for(10s) != std::future_status::ready || !committed.get()) {
            emu::testing::write_all(out, "not committed");
            ::_exit(1);
        }
        emu::testing::write_all(out, "committed");
        std::raise(SIGKILL);
    });
    auto result = child.finish();
    BOOST_TEST(result.output == "committed");
    BOOST_TEST(WIFSIGNALED(result.status));
    BOOST_TEST(WTERMSIG(result.status) == SIGKILL);
    BOOST_TEST(std::filesystem::exists(path.string() + "-wal")); // never closed
    auto file = state_file::open(path, "1.0.0");
    BOOST_TEST(file->load() == (std::vector<record>{{"job", "a", "A"}, {"job", "b", "B"}}),
               boost::test_tools::per_element());
}

// A real write failure: the child's file size limit (RLIMIT_FSIZE) stops SQLite's writes. The
// commit is rolled back, the queue reports it, and commits once the limit is lifted.
BOOST_AUTO_TEST_CASE(a_commit_the_file_system_refuses_is_retried_after) {
    temp_directory dir;
    auto path = dir / "state.db";
    emu::testing::forked_child child([&](int, int out) {
        auto file = state_file::open(path, "1.0.0");
        model jobs;
        jobs.set("big", std::string(1 << 20, 'x'));
        write_behind queue(*file);
        queue.on_render("job", jobs.renderer());
        queue.start();
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{};
        ::getrlimit(RLIMIT_FSIZE, &limit);
        rlimit small = limit;
        small.rlim_cur = file->file_bytes() + 64 * 1024;
        ::setrlimit(RLIMIT_FSIZE, &small);
        queue.mark("job", "big");
        bool first = queue.flush();
        auto failed = queue.stats().failed_commits;
        ::setrlimit(RLIMIT_FSIZE, &limit);
        bool second = queue.flush();
        // One failed commit, or two when the first had failed before flush() asked for one.
        emu::testing::write_all(out,
                                std::string(first ? "ok" : "failed") + " " +
                                    (failed == 1 || failed == 2 ? "counted" : "miscounted") + " " +
                                    (second ? "ok" : "failed"));
    });
    auto result = child.finish();
    BOOST_TEST(result.output == "failed counted ok");
    BOOST_TEST(WIFEXITED(result.status));
    auto file = state_file::open(path, "1.0.0");
    auto records = file->load();
    BOOST_TEST_REQUIRE(records.size() == 1u);
    BOOST_TEST(records[0].value.size() == 1u << 20);
}

BOOST_AUTO_TEST_SUITE_END()
