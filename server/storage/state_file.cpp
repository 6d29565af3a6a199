#include "server/storage/state_file.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <sqlite3.h>
#include <string>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace emu::storage {

namespace {

// The schema, one step per version: migrations[n] takes a file from schema n to n + 1. A new
// file runs them all; schema 4 is one more entry (and schema_version 4).
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

// Runs a write statement (bound to values) to completion, and resets it for the next use.
void run(sqlite3_stmt* statement, std::initializer_list<std::string_view> values) {
    sqlite3_reset(statement);
    bind(statement, values);
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
// transaction, which also takes the write lock that exclusive locking mode then keeps.
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

// Sets up the connection and checks, then migrates, the file; returns why not when it may not
// be used.
std::vector<record> records_of(sqlite3* db);

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
    // Holds the file's lock from the first read to the close: a second edenmock gets SQLITE_BUSY.
    exec(db, "PRAGMA locking_mode = EXCLUSIVE");
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
    const bool had_wal = std::filesystem::exists(wal, error);
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
    try {
        if (code != SQLITE_OK) {
            fail(db.get(), code);
        }
        reason = prepare_file(db.get(), edenmock_version, check);
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
        throw refuse(*reason);
    }
    return std::unique_ptr<state_file>(new state_file(path, std::move(db)));
}

state_file::state_file(std::filesystem::path path, connection db)
    : path_(std::move(path))
    , db_(std::move(db))
    , erase_kind_(prepare(db_.get(), "DELETE FROM records WHERE kind = ?"))
    , put_(prepare(db_.get(), "INSERT OR REPLACE INTO records VALUES(?, ?, ?)"))
    , erase_(prepare(db_.get(), "DELETE FROM records WHERE kind = ? AND key = ?")) {}

state_file::~state_file() = default;

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
        exec(db_.get(), "BEGIN IMMEDIATE");
        for (const auto& kind : writes.erased_kinds) {
            run(erase_kind_.get(), {kind});
        }
        for (const auto& write : writes.changes) {
            if (write.value) {
                run(put_.get(), {write.kind, write.key, *write.value});
            } else {
                run(erase_.get(), {write.kind, write.key});
            }
        }
        exec(db_.get(), "COMMIT");
    } catch (const sqlite_error& failure) {
        sqlite3_reset(erase_kind_.get());
        sqlite3_reset(put_.get());
        sqlite3_reset(erase_.get());
        if (!sqlite3_get_autocommit(db_.get())) {
            sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        }
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
