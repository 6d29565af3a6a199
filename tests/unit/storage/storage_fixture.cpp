#include "tests/unit/storage/storage_fixture.hpp"

#include "server/support/fnv1a.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iterator>
#include <poll.h>
#include <sqlite3.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace emu::storage {

std::ostream& operator<<(std::ostream& out, const record& row) {
    return out << "{" << row.kind << ", " << row.key << ", " << row.value.substr(0, 40) << "}";
}

} // namespace emu::storage

namespace emu::testing {

temp_directory::temp_directory() {
    static std::atomic<unsigned> count{0};
    path_ = std::filesystem::temp_directory_path() /
            ("edenmock-storage-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

temp_directory::~temp_directory() {
    std::error_code ignored;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ignored);
    std::filesystem::remove_all(path_, ignored);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in{path, std::ios::binary};
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::filesystem::path& path, std::string_view content) {
    std::ofstream out{path, std::ios::binary | std::ios::trunc};
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

std::uint64_t file_hash(const std::filesystem::path& path) {
    return support::fnv1a(read_file(path));
}

void run_sql(const std::filesystem::path& database, const std::string& sql) {
    sqlite3* db = nullptr;
    int code = sqlite3_open(database.c_str(), &db);
    char* message = nullptr;
    if (code == SQLITE_OK) {
        code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    }
    std::string error = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    sqlite3_close(db);
    if (code != SQLITE_OK) {
        throw std::runtime_error(database.string() + ": " + error);
    }
}

std::string fixture_sql(std::string_view name) {
    return read_file(std::filesystem::path(EDENMOCK_STORAGE_FIXTURES_DIR) / name);
}

forked_child::forked_child(const std::function<void(int in, int out)>& body) {
    std::array<int, 2> down{};
    std::array<int, 2> up{};
    if (::pipe(down.data()) != 0 || ::pipe(up.data()) != 0) {
        throw std::runtime_error("pipe failed");
    }
    pid_ = ::fork();
    if (pid_ < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
        ::close(down[1]);
        ::close(up[0]);
        try {
            body(down[0], up[1]);
        } catch (const std::exception& failure) {
            write_all(up[1], std::string("exception: ") + failure.what());
            ::_exit(1);
        }
        ::_exit(0); // no destructors, no atexit: the parent's objects are not the child's
    }
    ::close(down[0]);
    ::close(up[1]);
    to_child_ = down[1];
    from_child_ = up[0];
}

forked_child::~forked_child() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    for (int end : {to_child_, from_child_}) {
        if (end >= 0) {
            ::close(end);
        }
    }
}

void forked_child::go() {
    write_all(to_child_, "g");
}

child_result forked_child::finish() {
    child_result result;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd readable{from_child_, POLLIN, 0};
        if (left.count() <= 0 || ::poll(&readable, 1, static_cast<int>(left.count())) <= 0) {
            throw std::runtime_error("the child did not finish within 10 s");
        }
        std::array<char, 4096> chunk{};
        auto got = ::read(from_child_, chunk.data(), chunk.size());
        if (got <= 0) {
            break;
        }
        result.output.append(chunk.data(), static_cast<std::size_t>(got));
    }
    ::waitpid(pid_, &result.status, 0);
    pid_ = -1;
    return result;
}

void wait_for_go(int in) {
    char byte = 0;
    while (::read(in, &byte, 1) < 0 && errno == EINTR) {
    }
}

void write_all(int out, std::string_view text) {
    while (!text.empty()) {
        auto wrote = ::write(out, text.data(), text.size());
        if (wrote <= 0) {
            return;
        }
        text.remove_prefix(static_cast<std::size_t>(wrote));
    }
}

} // namespace emu::testing
