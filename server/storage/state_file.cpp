#include "server/storage/state_file.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <string>
#include <sys/file.h>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace emu::storage {

namespace {

// The schema, one step per version: migrations[n] takes a file from schema n to n + 1. A new
// file runs them all; schema 5 is one more entry (and schema_version 5).
constexpr std::array<const char*, state_file::schema_version> migrations{
    // 1: the records.
    "CREATE TABLE records(kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
    "PRIMARY KEY(kind, key)) WITHOUT ROWID",
    // 2: which edenmock created the file and which last opened it (the creator of a schema-1
    // file is not known).
    "CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT INTO meta VALUES('created_by', 'unknown (schema 1)')",
    // 3: the records in a rowid table with a unique index. A job's record (about 1 KB) is over
    // what a WITHOUT ROWID page keeps inline, so each spilled into a 4 KB overflow page: files
    // four times the size, and a commit writing and reading a page per record.
    "CREATE TABLE records_3(kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
    "UNIQUE(kind, key));"
    "INSERT INTO records_3 SELECT kind, key, value FROM records;"
    "DROP TABLE records;"
    "ALTER TABLE records_3 RENAME TO records",
    // 4: the records without an index: edenmock finds each row by its rowid (state_file keeps
    // them), so a new record is appended to the table instead of also filling a random page of
    // the index, which made a commit write twice the pages.
    "CREATE TABLE records_4(kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL);"
    "INSERT INTO records_4 SELECT kind, key, value FROM records ORDER BY kind, key;"
    "DROP TABLE records;"
    "ALTER TABLE records_4 RENAME TO records",
};

// The first 16 bytes of every SQLite database.
constexpr std::string_view sqlite_magic{"SQLite format 3\0", 16};

// A failed SQLite call: its result code and the connection's message.
class sqlite_error : public std::runtime_error {
public:
    sqlite_error(int code, const std::string& message)
        : std::runtime_error(message)
        , code_(code) {}

    int code() const { return code_; }

private:
    int code_;
};

[[noreturn]] void fail(sqlite3* db, int code) {
    throw sqlite_error(code, sqlite3_errmsg(db));
}

void exec(sqlite3* db, const char* sql) {
    if (int code = sqlite3_exec(db, sql, nullptr, nullptr, nullptr); code != SQLITE_OK) {
        fail(db, code);
    }
}

// Finalizes the statement of one query.
struct finalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};

using query = std::unique_ptr<sqlite3_stmt, finalizer>;

sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (int code = sqlite3_prepare_v2(db, sql, -1, &statement, nullptr); code != SQLITE_OK) {
        fail(db, code);
    }
    return statement;
}

void bind(sqlite3_stmt* statement, std::initializer_list<std::string_view> values) {
    int index = 0;
    for (auto value : values) {
        int code = sqlite3_bind_text(
            statement, ++index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
        if (code != SQLITE_OK) {
            fail(sqlite3_db_handle(statement), code);
        }
    }
}

// Steps once: true on a row, false when done.
bool step(sqlite3_stmt* statement) {
    int code = sqlite3_step(statement);
    if (code != SQLITE_ROW && code != SQLITE_DONE) {
        fail(sqlite3_db_handle(statement), code);
    }
    return code == SQLITE_ROW;
}

std::string column_text(sqlite3_stmt* statement, int column) {
    const auto* text = sqlite3_column_text(statement, column);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              static_cast<std::size_t>(sqlite3_column_bytes(statement, column)))
                : std::string();
}

// Runs a write statement (bound to values, then to rowid when given) to completion, and resets
// it for the next use.
void run(sqlite3_stmt* statement,
         std::initializer_list<std::string_view> values,
         std::optional<std::int64_t> rowid = std::nullopt) {
    sqlite3_reset(statement);
    bind(statement, values);
    if (rowid) {
        const int index = static_cast<int>(values.size()) + 1;
        if (int code = sqlite3_bind_int64(statement, index, *rowid); code != SQLITE_OK) {
            fail(sqlite3_db_handle(statement), code);
        }
    }
    step(statement);
    sqlite3_reset(statement);
}

// The first column of every row of a query.
std::vector<std::string> column_of(sqlite3* db, const char* sql) {
    query statement{prepare(db, sql)};
    std::vector<std::string> rows;
    while (step(statement.get())) {
        rows.push_back(column_text(statement.get(), 0));
    }
    return rows;
}

std::int64_t integer_of(sqlite3* db, const char* sql) {
    query statement{prepare(db, sql)};
    return step(statement.get()) ? sqlite3_column_int64(statement.get(), 0) : 0;
}

// What an SQLite failure at open means for the user.
std::string reason_of(sqlite3* db, const sqlite_error& error) {
    switch (error.code() & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "in use by another edenmock (the file is locked)";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return std::string("corrupt state file: ") + error.what();
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_PERM:
    case SQLITE_FULL:
        if (int number = sqlite3_system_errno(db); number != 0) {
            return "cannot write: " + std::generic_category().message(number);
        }
        return std::string("cannot write: ") + error.what();
    default:
        return error.what();
    }
}

// Why the file or, for a new file, its directory cannot be written; nullopt when it can. Asks
// access(2), which opens no descriptor: closing one would drop the POSIX locks this process
// holds on the file through another connection.
std::optional<std::string> unwritable(const std::filesystem::path& path, bool exists) {
    // "<parent>/." fails with ENOTDIR when the parent is a file.
    auto checked = exists ? path : path.parent_path() / ".";
    if (::access(checked.c_str(), exists ? W_OK : W_OK | X_OK) != 0) {
        return "cannot write: " + std::generic_category().message(errno);
    }
    return std::nullopt;
}

// Whether the main file starts as an SQLite database (or is empty), read through SQLite's own
// descriptor for the reason given at unwritable().
bool looks_like_sqlite(sqlite3* db) {
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
        file == nullptr || file->pMethods == nullptr) {
        return true; // let SQLite's first read decide
    }
    sqlite3_int64 size = 0;
    if (file->pMethods->xFileSize(file, &size) != SQLITE_OK || size == 0) {
        return true;
    }
    std::array<char, sqlite_magic.size()> head{};
    if (size < static_cast<sqlite3_int64>(head.size()) ||
        file->pMethods->xRead(file, head.data(), static_cast<int>(head.size()), 0) != SQLITE_OK) {
        return false;
    }
    return std::string_view(head.data(), head.size()) == sqlite_magic;
}

// PRAGMA quick_check's first complaint, on one line; nullopt when the file is sound.
std::optional<std::string> damage(sqlite3* db) {
    auto rows = column_of(db, "PRAGMA quick_check(1)");
    if (rows.size() == 1 && rows[0] == "ok") {
        return std::nullopt;
    }
    std::string text = rows.empty() ? "PRAGMA quick_check answered nothing" : rows[0];
    constexpr std::string_view prefix = "*** in database main ***\n";
    if (text.starts_with(prefix)) {
        text.erase(0, prefix.size());
    }
    for (auto& c : text) {
        if (c == '\n') {
            c = ' ';
        }
    }
    return text;
}

// The edenmock that last wrote a file of a newer schema, as its meta table says.
std::string newer_writer(sqlite3* db) {
    try {
        auto rows = column_of(db, "SELECT value FROM meta WHERE name = 'written_by'");
        return rows.empty() ? "unknown" : rows[0];
    } catch (const sqlite_error&) {
        return "unknown"; // a schema without our meta table
    }
}

// What the file holds, as its header and schema say (the first read, which locks it).
struct identity {
    std::int64_t application = 0;
    std::int64_t schema = 0;
    std::int64_t tables = 0;

    bool is_new() const { return application == 0 && schema == 0 && tables == 0; }
};

identity identify(sqlite3* db) {
    return {integer_of(db, "PRAGMA application_id"),
            integer_of(db, "PRAGMA user_version"),
            integer_of(db, "SELECT count(*) FROM sqlite_schema")};
}

// Why the file is not one this edenmock may open; nullopt when it is.
std::optional<std::string>
foreign(sqlite3* db, const identity& file, std::string_view edenmock_version) {
    if (file.is_new()) {
        return std::nullopt;
    }
    if (file.application != state_file::application_id) {
        return "not an edenmock state file (an SQLite database of another application)";
    }
    if (file.schema > state_file::schema_version) {
        return "written by edenmock " + newer_writer(db) + " (state schema " +
               std::to_string(file.schema) + "); this edenmock " + std::string(edenmock_version) +
               " reads schema " + std::to_string(state_file::schema_version) + " and older";
    }
    if (file.schema < 1) {
        return "corrupt state file: edenmock's application id without a schema version";
    }
    if (auto complaint = damage(db)) {
        return "corrupt state file: " + *complaint;
    }
    return std::nullopt;
}

// Brings the file to the current schema and records this edenmock as its writer, in one
// transaction.
void migrate(sqlite3* db, std::int64_t from, std::string_view edenmock_version) {
    exec(db, "BEGIN IMMEDIATE");
    try {
        for (auto version = from; version < state_file::schema_version; ++version) {
            exec(db, migrations[static_cast<std::size_t>(version)]);
        }
        if (from == 0) {
            exec(db,
                 ("PRAGMA application_id = " + std::to_string(state_file::application_id)).c_str());
            query created{prepare(db, "UPDATE meta SET value = ? WHERE name = 'created_by'")};
            run(created.get(), {edenmock_version});
        }
        if (from != state_file::schema_version) {
            exec(db,
                 ("PRAGMA user_version = " + std::to_string(state_file::schema_version)).c_str());
        }
        query written{prepare(db, "INSERT OR REPLACE INTO meta VALUES('written_by', ?)")};
        run(written.get(), {edenmock_version});
        exec(db, "COMMIT");
    } catch (const sqlite_error&) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

std::vector<record> records_of(sqlite3* db);

// Sets up the connection and checks, then migrates, the file; returns why not when it may not
// be used.
std::optional<std::string> prepare_file(sqlite3* db,
                                        std::string_view edenmock_version,
                                        const state_file::content_check& check) {
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 0); // a file in use is refused at once
    // Until the file is accepted, closing must not checkpoint a write-ahead log left by a
    // crash into the file: a refused file stays byte for byte as it was.
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    if (!looks_like_sqlite(db)) {
        return "not an edenmock state file (not an SQLite database)";
    }
    auto file = identify(db);
    if (auto reason = foreign(db, file, edenmock_version)) {
        return reason;
    }
    if (auto mode = column_of(db, "PRAGMA journal_mode = WAL");
        mode.size() != 1 || mode[0] != "wal") {
        return "cannot write: no write-ahead log (journal mode " +
               (mode.empty() ? std::string("unknown") : mode[0]) + ")";
    }
    // With WAL, NORMAL syncs at checkpoints only: a committed transaction survives a crash or
    // SIGKILL of the process, but a power loss may lose the last commits.
    exec(db, "PRAGMA synchronous = NORMAL");
    // Every job is a record, and a launch rewrites its own: a page cache of 32 MB keeps the
    // tree in memory (SQLite's default of 2 MB makes each commit read pages back).
    exec(db, "PRAGMA cache_size = -32768");
    // Once checkpointed, a log that grew under load is cut back to 64 MB when it restarts.
    exec(db, "PRAGMA journal_size_limit = 67108864");
    if (check && file.schema > 0) {
        if (auto reason = check(records_of(db))) {
            return reason;
        }
    }
    migrate(db, file.schema, edenmock_version);
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    return std::nullopt;
}

} // namespace

void state_file::connection_deleter::operator()(sqlite3* db) const {
    sqlite3_close_v2(db);
}

void state_file::statement_deleter::operator()(sqlite3_stmt* statement) const {
    sqlite3_finalize(statement);
}

std::unique_ptr<state_file> state_file::open(const std::filesystem::path& path,
                                             std::string_view edenmock_version,
                                             const content_check& check) {
    auto refuse = [&](const std::string& reason) {
        return refusal(path.string() + ": " + reason);
    };
    std::error_code error;
    bool existed = std::filesystem::exists(path, error);
    auto wal = path;
    wal += "-wal";
    auto shm = path;
    shm += "-shm";
    const bool had_wal = std::filesystem::exists(wal, error);
    const bool had_shm = std::filesystem::exists(shm, error);
    if (auto reason = unwritable(path, existed)) {
        throw refuse(*reason);
    }
    sqlite3* raw = nullptr;
    int code = sqlite3_open_v2(path.c_str(),
                               &raw,
                               SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE,
                               nullptr);
    connection db{raw};
    std::optional<std::string> reason;
    file_lock lock;
    try {
        if (code != SQLITE_OK) {
            fail(db.get(), code);
        }
        // Before SQLite reads a byte: a file in use is left as its edenmock keeps it.
        reason = lock.take(path);
        if (!reason) {
            reason = prepare_file(db.get(), edenmock_version, check);
        }
    } catch (const sqlite_error& failure) {
        reason = reason_of(db.get(), failure);
    }
    if (reason) {
        db.reset();
        if (!existed) {
            std::filesystem::remove(path, error);
        }
        // Reading a file in WAL mode makes an empty log beside it: a refusal leaves none.
        if (!had_wal && std::filesystem::exists(wal, error) &&
            std::filesystem::file_size(wal, error) == 0) {
            std::filesystem::remove(wal, error);
        }
        if (!had_shm && lock.held()) { // its shared-memory index too, unless another's
            std::filesystem::remove(shm, error);
        }
        throw refuse(*reason);
    }
    connection checkpoints = open_checkpointer(path);
    return std::unique_ptr<state_file>(
        new state_file(path, std::move(lock), std::move(db), std::move(checkpoints)));
}

state_file::connection state_file::open_checkpointer(const std::filesystem::path& path) {
    sqlite3* raw = nullptr;
    int code = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
    connection db{raw};
    if (code != SQLITE_OK) {
        throw refusal(path.string() +
                      ": cannot open a second connection: " + sqlite3_errmsg(db.get()));
    }
    sqlite3_extended_result_codes(db.get(), 1);
    try {
        // A connection opens the write-ahead log at its first read; until then a checkpoint on
        // it finds no log and copies nothing.
        exec(db.get(), "SELECT count(*) FROM sqlite_schema");
    } catch (const sqlite_error& failure) {
        throw refusal(path.string() + ": cannot open a second connection: " + failure.what());
    }
    return db;
}

std::optional<std::string> state_file::file_lock::take(const std::filesystem::path& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
        return "cannot write: " + std::generic_category().message(errno);
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int number = errno;
        ::close(fd_);
        fd_ = -1;
        if (number == EWOULDBLOCK) {
            return "in use by another edenmock (the file is locked)";
        }
        return "cannot lock: " + std::generic_category().message(number);
    }
    return std::nullopt;
}

state_file::file_lock::file_lock(file_lock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)) {}

state_file::file_lock::~file_lock() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

state_file::state_file(std::filesystem::path path,
                       file_lock lock,
                       connection db,
                       connection checkpoints)
    : path_(std::move(path))
    , lock_(std::move(lock))
    , db_(std::move(db))
    , begin_(prepare(db_.get(), "BEGIN IMMEDIATE"))
    , commit_(prepare(db_.get(), "COMMIT"))
    , erase_kind_(prepare(db_.get(), "DELETE FROM records WHERE kind = ?"))
    , insert_(prepare(db_.get(), "INSERT INTO records VALUES(?, ?, ?)"))
    , update_(prepare(db_.get(), "UPDATE records SET value = ? WHERE rowid = ?"))
    , erase_(prepare(db_.get(), "DELETE FROM records WHERE rowid = ?"))
    , rowids_(read_rowids())
    , checkpoints_(std::move(checkpoints)) {
    // Replaces SQLite's automatic checkpoint, which is a hook of the same kind.
    sqlite3_wal_hook(db_.get(), &state_file::on_wal_commit, this);
}

int state_file::on_wal_commit(void* self, sqlite3*, const char*, int frames) {
    static_cast<state_file*>(self)->wal_frames_ = static_cast<std::size_t>(frames);
    return SQLITE_OK;
}

bool state_file::checkpoint() {
    int logged = 0;
    int copied = 0;
    int code = sqlite3_wal_checkpoint_v2(
        checkpoints_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &logged, &copied);
    if (code == SQLITE_BUSY) {
        return false; // the last connection closing, or recovering the log
    }
    if (code != SQLITE_OK) {
        throw write_failure(path_.string() + ": checkpoint: " + sqlite3_errmsg(checkpoints_.get()));
    }
    return logged >= 0 && copied == logged; // -1: no log open
}

state_file::~state_file() = default;

state_file::row_index state_file::read_rowids() const {
    query rows{prepare(db_.get(), "SELECT rowid, kind, key FROM records")};
    row_index rowids;
    while (step(rows.get())) {
        rowids[column_text(rows.get(), 1)][column_text(rows.get(), 2)] =
            sqlite3_column_int64(rows.get(), 0);
    }
    return rowids;
}

std::vector<record> state_file::load() {
    return records_of(db_.get());
}

namespace {

std::vector<record> records_of(sqlite3* db) {
    query rows{prepare(db, "SELECT kind, key, value FROM records ORDER BY kind, key")};
    std::vector<record> records;
    while (step(rows.get())) {
        records.push_back(
            {column_text(rows.get(), 0), column_text(rows.get(), 1), column_text(rows.get(), 2)});
    }
    return records;
}

} // namespace

void state_file::commit(const batch& writes) {
    try {
        if (!rowids_known_) {
            rowids_ = read_rowids();
            rowids_known_ = true;
        }
        run(begin_.get(), {});
        for (const auto& kind : writes.erased_kinds) {
            run(erase_kind_.get(), {kind});
            rowids_.erase(kind);
        }
        for (const auto& write : writes.changes) {
            auto& rows = rowids_[write.kind];
            auto row = rows.find(write.key);
            if (write.value && row != rows.end()) {
                run(update_.get(), {*write.value}, row->second);
            } else if (write.value) {
                run(insert_.get(), {write.kind, write.key, *write.value});
                rows.emplace(write.key, sqlite3_last_insert_rowid(db_.get()));
            } else if (row != rows.end()) {
                run(erase_.get(), {}, row->second);
                rows.erase(row);
            }
        }
        run(commit_.get(), {});
    } catch (const sqlite_error& failure) {
        for (auto* used : {begin_.get(),
                           commit_.get(),
                           erase_kind_.get(),
                           insert_.get(),
                           update_.get(),
                           erase_.get()}) {
            sqlite3_reset(used);
        }
        if (!sqlite3_get_autocommit(db_.get())) {
            sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        }
        rowids_known_ = false; // read again as the rollback left them, before the next commit
        throw write_failure(path_.string() + ": " + failure.what());
    }
}

std::uint64_t state_file::file_bytes() const {
    std::uint64_t bytes = 0;
    for (const auto& file : {path_, std::filesystem::path(path_.string() + "-wal")}) {
        std::error_code error;
        if (auto size = std::filesystem::file_size(file, error); !error) {
            bytes += size;
        }
    }
    return bytes;
}

} // namespace emu::storage
