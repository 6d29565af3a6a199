#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
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

// One open state file, held exclusively (locked) until destroyed. Not thread-safe: one thread
// at a time, apart from file_bytes().
class state_file {
public:
    // PRAGMA application_id of edenmock's files: "edmk".
    static constexpr std::int32_t application_id = 0x65646d6b;

    // PRAGMA user_version this edenmock writes; older files are migrated at open.
    static constexpr int schema_version = 3;

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

    state_file(std::filesystem::path path, connection db);

    std::filesystem::path path_;
    connection db_; // destroyed after the statements, which belong to it
    statement erase_kind_;
    statement put_;
    statement erase_;
};

} // namespace emu::storage
