// The files a state file refuses to open, each with its one-line message, and each left byte
// for byte as it was.
#include "server/storage/state_file.hpp"
#include "tests/unit/storage/storage_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using emu::storage::refusal;
using emu::storage::state_file;
using emu::testing::file_hash;
using emu::testing::temp_directory;

// The message of the refusal to open path, or "opened" when it was not refused.
std::string refusal_of(const std::filesystem::path& path) {
    try {
        state_file::open(path, "1.0.0");
    } catch (const refusal& refused) {
        return refused.what();
    }
    return "opened";
}

// A state file of this edenmock with a few records (a page of each, at least), closed.
void make_state_file(const std::filesystem::path& path, int records = 3) {
    auto file = state_file::open(path, "1.0.0");
    emu::storage::batch writes;
    for (int i = 0; i < records; ++i) {
        writes.changes.push_back({"job", "job-" + std::to_string(i), std::string(200, 'v')});
    }
    file->commit(writes);
}

// Whether permission bits stop this process's writes.
boost::test_tools::assertion_result not_root(boost::unit_test::test_unit_id) {
    return ::geteuid() != 0;
}

} // namespace

BOOST_AUTO_TEST_SUITE(state_file_refusals)

BOOST_AUTO_TEST_CASE(a_text_file_is_not_an_sqlite_database) {
    temp_directory dir;
    auto path = dir / "notes.txt";
    emu::testing::write_file(path, "just some notes, long enough to hold an SQLite header\n");
    auto before = file_hash(path);
    BOOST_TEST(refusal_of(path) ==
               path.string() + ": not an edenmock state file (not an SQLite database)");
    BOOST_TEST(file_hash(path) == before);
}

BOOST_AUTO_TEST_CASE(a_short_file_is_not_an_sqlite_database) {
    temp_directory dir;
    auto path = dir / "short";
    emu::testing::write_file(path, "SQLite");
    auto before = file_hash(path);
    BOOST_TEST(refusal_of(path) ==
               path.string() + ": not an edenmock state file (not an SQLite database)");
    BOOST_TEST(file_hash(path) == before);
}

BOOST_AUTO_TEST_CASE(a_database_of_another_application_is_refused) {
    temp_directory dir;
    auto plain = dir / "plain.db";
    emu::testing::run_sql(plain, "CREATE TABLE notes(text); INSERT INTO notes VALUES('hello');");
    auto tagged = dir / "tagged.db";
    emu::testing::run_sql(tagged, "PRAGMA application_id = 42;");
    for (const auto& path : {plain, tagged}) {
        BOOST_TEST_CONTEXT(path) {
            auto before = file_hash(path);
            BOOST_TEST(refusal_of(path) ==
                       path.string() + ": not an edenmock state file (an SQLite database of "
                                       "another application)");
            BOOST_TEST(file_hash(path) == before);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_damaged_file_is_corrupt) {
    temp_directory dir;
    auto path = dir / "state.db";
    make_state_file(path, 200);
    auto bytes = emu::testing::read_file(path);
    BOOST_REQUIRE(bytes.size() >= 4 * 4096u);
    std::fill(bytes.begin() + 2 * 4096, bytes.begin() + 3 * 4096, '\x55'); // page 3
    emu::testing::write_file(path, bytes);
    auto before = file_hash(path);
    // PRAGMA quick_check's first complaint, in SQLite's words, on one line.
    BOOST_TEST(refusal_of(path) ==
               path.string() +
                   ": corrupt state file: Page 3: btreeInitPage() returns error code 11");
    BOOST_TEST(file_hash(path) == before);
}

BOOST_AUTO_TEST_CASE(a_file_with_a_damaged_header_is_corrupt) {
    temp_directory dir;
    auto path = dir / "state.db";
    make_state_file(path);
    auto bytes = emu::testing::read_file(path);
    bytes[16] = '\x03'; // a page size of 3 bytes: a valid magic, an impossible header
    bytes[17] = '\x00';
    emu::testing::write_file(path, bytes);
    auto before = file_hash(path);
    BOOST_TEST(refusal_of(path) == path.string() + ": corrupt state file: file is not a database");
    BOOST_TEST(file_hash(path) == before);
}

BOOST_AUTO_TEST_CASE(a_file_of_a_newer_edenmock_names_both_versions) {
    temp_directory dir;
    auto path = dir / "state.db";
    make_state_file(path);
    emu::testing::run_sql(
        path,
        "PRAGMA user_version = 5; UPDATE meta SET value = '9.1.0' WHERE name = 'written_by';");
    auto before = file_hash(path);
    BOOST_TEST(refusal_of(path) == path.string() +
                                       ": written by edenmock 9.1.0 (state schema 5); this "
                                       "edenmock 1.0.0 reads schema 4 and older");
    BOOST_TEST(file_hash(path) == before);
}

BOOST_AUTO_TEST_CASE(a_path_under_a_regular_file_cannot_be_written) {
    temp_directory dir;
    auto plain = dir / "plain";
    emu::testing::write_file(plain, "a file, not a directory");
    auto before = file_hash(plain);
    auto path = plain / "state.db";
    BOOST_TEST(refusal_of(path) == path.string() + ": cannot write: Not a directory");
    BOOST_TEST(file_hash(plain) == before);
}

BOOST_AUTO_TEST_CASE(a_path_in_a_missing_directory_cannot_be_written) {
    temp_directory dir;
    auto path = dir / "missing" / "state.db";
    BOOST_TEST(refusal_of(path) == path.string() + ": cannot write: No such file or directory");
    BOOST_TEST(!std::filesystem::exists(dir / "missing"));
}

// Root writes whatever the permission bits say (CI runs as root): the case is skipped there.
BOOST_AUTO_TEST_CASE(a_read_only_file_or_directory_cannot_be_written,
                     *boost::unit_test::precondition(not_root)) {
    temp_directory dir;
    auto path = dir / "state.db";
    make_state_file(path);
    ::chmod(path.c_str(), 0444);
    auto before = file_hash(path);
    BOOST_TEST(refusal_of(path) == path.string() + ": cannot write: Permission denied");
    BOOST_TEST(file_hash(path) == before);
    auto locked_dir = dir / "read-only";
    std::filesystem::create_directory(locked_dir);
    ::chmod(locked_dir.c_str(), 0555);
    BOOST_TEST(refusal_of(locked_dir / "state.db") ==
               (locked_dir / "state.db").string() + ": cannot write: Permission denied");
    ::chmod(locked_dir.c_str(), 0755);
}

// The other process is a child forked before the file is opened, so that it meets the lock as
// another edenmock would. The parent never reads the file itself while it holds it open
// (closing any descriptor of the file drops the POSIX locks SQLite holds for this process):
// the child hashes it.
BOOST_AUTO_TEST_CASE(a_file_in_use_is_refused_in_this_process_and_in_another) {
    temp_directory dir;
    auto path = dir / "state.db";
    emu::testing::forked_child other([&](int in, int out) {
        emu::testing::wait_for_go(in);
        auto before = file_hash(path);
        auto message = refusal_of(path);
        emu::testing::write_all(out,
                                message + (file_hash(path) == before ? "|unchanged" : "|changed"));
    });
    auto first = state_file::open(path, "1.0.0");
    first->commit({{}, {{"job", "a", "1"}}});
    auto locked = path.string() + ": in use by another edenmock (the file is locked)";

    BOOST_TEST(refusal_of(path) == locked);
    other.go();
    auto result = other.finish();
    BOOST_TEST(WIFEXITED(result.status));
    BOOST_TEST(result.output == locked + "|unchanged");

    first->commit({{}, {{"job", "b", "2"}}});
    BOOST_TEST(first->load().size() == 2u);
    first.reset();
    BOOST_TEST(state_file::open(path, "1.0.0")->load().size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
