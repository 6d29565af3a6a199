// The state file: what it keeps across opens, its schema and identity, and the migration of a
// schema-1 file.
#include "server/storage/state_file.hpp"
#include "tests/unit/storage/storage_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <sqlite3.h>
#include <string>
#include <vector>

namespace {

using emu::storage::batch;
using emu::storage::record;
using emu::storage::state_file;
using emu::testing::temp_directory;

// One integer a query on a plain SQLite connection answers.
std::int64_t integer_of(const std::filesystem::path& database, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open(database.c_str(), &db);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    std::int64_t value =
        sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}

// The meta table's rows, as name=value.
std::vector<std::string> meta_of(const std::filesystem::path& database) {
    sqlite3* db = nullptr;
    sqlite3_open(database.c_str(), &db);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT name, value FROM meta ORDER BY name", -1, &statement, nullptr);
    std::vector<std::string> rows;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        rows.push_back(
            std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))) + "=" +
            reinterpret_cast<const char*>(sqlite3_column_text(statement, 1)));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return rows;
}

} // namespace

BOOST_AUTO_TEST_SUITE(state_file_records)

BOOST_AUTO_TEST_CASE(creates_a_missing_file_and_keeps_records_across_reopens) {
    temp_directory dir;
    auto path = dir / "state.db";
    {
        auto file = state_file::open(path, "1.0.0");
        BOOST_TEST(std::filesystem::exists(path));
        BOOST_TEST(file->load().empty());
        file->commit(
            {{}, {{"job", "b", "{\"id\":\"b\"}"}, {"job", "a", "{}"}, {"clock", "t", "1"}}});
    }
    auto file = state_file::open(path, "1.0.0");
    std::vector<record> expected{
        {"clock", "t", "1"}, {"job", "a", "{}"}, {"job", "b", "{\"id\":\"b\"}"}};
    BOOST_TEST(file->load() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_commit_replaces_deletes_and_erases_kinds_before_its_puts) {
    temp_directory dir;
    auto file = state_file::open(dir / "state.db", "1.0.0");
    file->commit({{}, {{"job", "a", "1"}, {"job", "b", "1"}, {"upload", "u", "1"}}});
    file->commit({{}, {{"job", "a", "2"}, {"job", "b", std::nullopt}}});
    BOOST_TEST(file->load() == (std::vector<record>{{"job", "a", "2"}, {"upload", "u", "1"}}),
               boost::test_tools::per_element());
    file->commit({{"job"}, {{"job", "c", "3"}}});
    BOOST_TEST(file->load() == (std::vector<record>{{"job", "c", "3"}, {"upload", "u", "1"}}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_empty_file_counts_as_new) {
    temp_directory dir;
    auto path = dir / "state.db";
    emu::testing::write_file(path, "");
    {
        auto file = state_file::open(path, "1.0.0");
        file->commit({{}, {{"job", "a", "1"}}});
    }
    BOOST_TEST(state_file::open(path, "1.0.0")->load().size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_file_is_marked_as_ours_with_the_current_schema_and_its_writers) {
    temp_directory dir;
    auto path = dir / "state.db";
    state_file::open(path, "1.0.0").reset();
    state_file::open(path, "1.1.0").reset();
    BOOST_TEST(integer_of(path, "PRAGMA application_id") == state_file::application_id);
    BOOST_TEST(integer_of(path, "PRAGMA user_version") == state_file::schema_version);
    BOOST_TEST(meta_of(path) == (std::vector<std::string>{"created_by=1.0.0", "written_by=1.1.0"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(uses_a_write_ahead_log_and_counts_it_in_file_bytes) {
    temp_directory dir;
    auto path = dir / "state.db";
    auto file = state_file::open(path, "1.0.0");
    file->commit({{}, {{"job", "a", std::string(10000, 'x')}}});
    BOOST_TEST(std::filesystem::exists(path.string() + "-wal"));
    BOOST_TEST(file->file_bytes() == std::filesystem::file_size(path) +
                                         std::filesystem::file_size(path.string() + "-wal"));
    BOOST_TEST(file->file_bytes() > 10000u);
}

BOOST_AUTO_TEST_CASE(a_checkpoint_copies_the_whole_log_and_the_next_commit_restarts_it) {
    temp_directory dir;
    auto path = dir / "state.db";
    auto file = state_file::open(path, "1.0.0");
    file->commit({{}, {{"job", "a", std::string(20000, 'a')}}});
    const auto logged = file->wal_frames();
    BOOST_TEST(logged > 1u);
    BOOST_TEST(file->checkpoint());
    file->commit({{}, {{"job", "b", "B"}}});
    BOOST_TEST(file->wal_frames() < logged);
    file->commit({{}, {{"job", "a", "A2"}}}); // an update by rowid, not a second row
    BOOST_TEST(file->load() == (std::vector<record>{{"job", "a", "A2"}, {"job", "b", "B"}}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(state_file_migration)

BOOST_AUTO_TEST_CASE(a_schema_1_file_is_migrated_in_place_keeping_its_records) {
    temp_directory dir;
    auto path = dir / "state.db";
    emu::testing::run_sql(path, emu::testing::fixture_sql("schema_v1.sql"));
    BOOST_REQUIRE(integer_of(path, "PRAGMA user_version") == 1);
    {
        auto file = state_file::open(path, "2.0.0");
        std::vector<record> expected{{"clock", "tenant", R"({"now":"2024-01-01T00:00:00Z"})"},
                                     {"job", "a", R"({"id":"a"})"},
                                     {"job", "b", R"({"id":"b"})"}};
        BOOST_TEST(file->load() == expected, boost::test_tools::per_element());
    }
    BOOST_TEST(integer_of(path, "PRAGMA user_version") == state_file::schema_version);
    BOOST_TEST(integer_of(path, "PRAGMA application_id") == state_file::application_id);
    // Schema 3: the records in a rowid table (no overflow page per record); schema 4: without
    // an index (rows found by rowid).
    BOOST_TEST(integer_of(path,
                          "SELECT count(*) FROM sqlite_master WHERE name = 'records' "
                          "AND sql LIKE '%WITHOUT ROWID%'") == 0);
    BOOST_TEST(integer_of(path,
                          "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                          "AND tbl_name = 'records'") == 0);
    BOOST_TEST(meta_of(path) ==
                   (std::vector<std::string>{"created_by=unknown (schema 1)", "written_by=2.0.0"}),
               boost::test_tools::per_element());
    BOOST_TEST(state_file::open(path, "2.0.0")->load().size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
