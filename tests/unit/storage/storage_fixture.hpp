#pragma once

#include "server/storage/state_file.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace emu::storage {

// Prints {kind, key, value} in test failures; the value cut to 40 characters.
std::ostream& operator<<(std::ostream& out, const record& row);

} // namespace emu::storage

namespace emu::testing {

// A fresh directory under the temporary directory, removed with its content on destruction.
class temp_directory {
public:
    temp_directory();
    ~temp_directory();

    temp_directory(const temp_directory&) = delete;
    temp_directory& operator=(const temp_directory&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // A path in the directory.
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// The whole content of a file.
std::string read_file(const std::filesystem::path& path);

void write_file(const std::filesystem::path& path, std::string_view content);

// The FNV-1a hash of a file's bytes, to show a refused file was left unchanged.
std::uint64_t file_hash(const std::filesystem::path& path);

// Runs SQL on a database through a plain SQLite connection (no edenmock code): builds files
// of other applications and older schemas. Throws std::runtime_error with SQLite's message.
void run_sql(const std::filesystem::path& database, const std::string& sql);

// The SQL of tests/unit/storage/<name>.
std::string fixture_sql(std::string_view name);

// What a forked child wrote to its pipe, and how it ended (waitpid's status).
struct child_result {
    std::string output;
    int status = 0;
};

// A forked child running body(in, out): it reads go() from `in` when it must wait for the
// parent, writes its findings to `out`, then _exit(0)s (or is killed by body). A child forked
// before the parent opens a file has no copy of the parent's SQLite state for it, so it meets
// the parent's locks as another process does.
class forked_child {
public:
    explicit forked_child(const std::function<void(int in, int out)>& body);
    ~forked_child(); // kills the child when finish() was not called

    forked_child(const forked_child&) = delete;
    forked_child& operator=(const forked_child&) = delete;

    // Lets the child read one byte from `in`.
    void go();

    // Waits at most 10 s for the child to close its output, then reaps it. Throws
    // std::runtime_error, after killing the child, when it takes longer.
    child_result finish();

private:
    int pid_ = -1;
    int to_child_ = -1;
    int from_child_ = -1;
};

// Blocks until the parent's go() (in a child).
void wait_for_go(int in);

// Writes all of text to a descriptor (in a child: throws nothing).
void write_all(int out, std::string_view text);

} // namespace emu::testing
