#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace emu::storage {

// Why a state file was not opened, in one line: "<path>: <reason>". The file is left unchanged.
class refusal : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A commit that did not reach the file (rolled back; the file keeps its previous state).
class write_failure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One row of the state: what the layers above store, as text (JSON by convention).
struct record {
    std::string kind;
    std::string key;
    std::string value;

    bool operator==(const record&) const = default;
};

// One write of a commit: a put, or a delete when value is nullopt.
struct change {
    std::string kind;
    std::string key;
    std::optional<std::string> value;
};

// What one transaction writes: every row of erased_kinds deleted first, then the changes.
struct batch {
    std::vector<std::string> erased_kinds;
    std::vector<change> changes;
};

// One open state file, held exclusively (an flock(2) another edenmock is refused on) until
// destroyed. Not thread-safe: one thread at a time, apart from checkpoint() and file_bytes(),
// which may run on another thread meanwhile.
class state_file {
public:
    // PRAGMA application_id of edenmock's files: "edmk".
    static constexpr std::int32_t application_id = 0x65646d6b;

    // PRAGMA user_version this edenmock writes; older files are migrated at open.
    static constexpr int schema_version = 4;

    // Why the caller will not use a file holding these records (its seed differs), or nullopt.
    using content_check = std::function<std::optional<std::string>(const std::vector<record>&)>;

    // Opens the file, creating it when absent or empty, migrating an older schema, and
    // recording edenmock_version as its last writer. Throws refusal; `check`, when given, is
    // asked before anything is written, and its reason is refused like the others.
    static std::unique_ptr<state_file> open(const std::filesystem::path& path,
                                            std::string_view edenmock_version,
                                            const content_check& check = {});

    state_file(const state_file&) = delete;
    state_file& operator=(const state_file&) = delete;
    ~state_file();

    // Every record, ordered by kind, then key.
    std::vector<record> load();

    // Writes the batch in one transaction. Throws write_failure (nothing of it written).
    void commit(const batch& writes);

    // Pages in the write-ahead log after the last commit. The log restarts from its beginning
    // at the first commit after a checkpoint copied all of it. The file never checkpoints by
    // itself (SQLite's automatic checkpoint syncs the disk inside a commit): its owner calls
    // checkpoint().
    std::size_t wal_frames() const { return wal_frames_; }

    // Copies the write-ahead log into the database file, syncing both (the only syncs with
    // synchronous = NORMAL), on a connection of its own: commits go on meanwhile. Returns
    // whether it copied the whole log. Throws write_failure.
    bool checkpoint();

    // The size of the database file and its write-ahead log, in bytes.
    std::uint64_t file_bytes() const;

    const std::filesystem::path& path() const { return path_; }

private:
    // Closes the connection.
    struct connection_deleter {
        void operator()(sqlite3* db) const;
    };

    // Finalizes a prepared statement.
    struct statement_deleter {
        void operator()(sqlite3_stmt* statement) const;
    };

    using connection = std::unique_ptr<sqlite3, connection_deleter>;
    using statement = std::unique_ptr<sqlite3_stmt, statement_deleter>;

    // An flock(2) on the database file, through a descriptor of its own. It is closed after
    // SQLite's connections: closing any descriptor of a file drops the POSIX locks SQLite
    // holds on it for this process.
    class file_lock {
    public:
        file_lock() = default;
        file_lock(file_lock&& other) noexcept;
        file_lock& operator=(file_lock&&) = delete;
        ~file_lock();

        // Locks the file, or says why not.
        std::optional<std::string> take(const std::filesystem::path& path);

        bool held() const { return fd_ >= 0; }

    private:
        int fd_ = -1;
    };

    state_file(std::filesystem::path path, file_lock lock, connection db, connection checkpoints);

    static connection open_checkpointer(const std::filesystem::path& path);

    // The rowid of each record, by kind, then key: the table has no index of its own.
    using row_index =
        std::unordered_map<std::string, std::unordered_map<std::string, std::int64_t>>;

    row_index read_rowids() const;

    // SQLite's sqlite3_wal_hook: a commit left `frames` pages in the log.
    static int on_wal_commit(void* self, sqlite3* db, const char* schema, int frames);

    std::filesystem::path path_;
    file_lock lock_; // released last
    connection db_;  // destroyed after the statements, which belong to it
    statement begin_;
    statement commit_;
    statement erase_kind_;
    statement insert_;
    statement update_;
    statement erase_;
    row_index rowids_;
    bool rowids_known_ = true; // false after a failed commit, until rowids_ is read again
    std::size_t wal_frames_ = 0;
    connection checkpoints_; // closed first: closing db_, the last connection, removes the log
};

} // namespace emu::storage
