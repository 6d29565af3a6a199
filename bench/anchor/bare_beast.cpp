// The practical limit the benchmarks compare edenmock with (bench/compare.sh): a bare
// Boost.Beast server on the same Asio and Beast, threads and socket options, that does the least
// a job API must do. A POST reads the whole body (through a 64 KiB read buffer) and stores a job
// id in a mutex-guarded map; a GET of /<anything>/<id> looks the id up and answers a small
// "processing" document. Not part of the tests; it is built only by `ninja bench_anchor`.
//
// Usage: bench_anchor [--port N] [--threads N]; prints "listening on http://127.0.0.1:PORT".
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstdio>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Jobs by id, at most `capacity` (then emptied: a bench runs a bounded number of launches).
class job_store {
public:
    std::string add() {
        std::lock_guard lock{mutex_};
        if (jobs_.size() >= capacity) {
            jobs_.clear();
        }
        char id[40];
        const auto n = ++next_;
        std::snprintf(id,
                      sizeof id,
                      "%08llx-0000-4000-8000-%012llx",
                      static_cast<unsigned long long>(n >> 48),
                      static_cast<unsigned long long>(n & 0xffffffffffffULL));
        std::string key{id};
        jobs_.emplace(key, "processing");
        return key;
    }

    std::optional<std::string> status(std::string_view id) {
        std::lock_guard lock{mutex_};
        auto found = jobs_.find(std::string{id});
        if (found == jobs_.end()) {
            return std::nullopt;
        }
        return found->second;
    }

private:
    static constexpr std::size_t capacity = 1'000'000;
    std::mutex mutex_;
    std::unordered_map<std::string, std::string> jobs_;
    unsigned long long next_ = 0;
};

http::response<http::string_body> answer(job_store& jobs,
                                         const http::request<http::string_body>& request) {
    http::response<http::string_body> response{http::status::ok, request.version()};
    response.set(http::field::content_type, "application/json");
    response.keep_alive(request.keep_alive());
    if (request.method() == http::verb::post) {
        response.body() = "{\"public_id\":\"" + jobs.add() + "\"}";
    } else {
        const std::string_view target = request.target();
        const auto slash = target.rfind('/');
        const auto id = target.substr(slash == std::string_view::npos ? 0 : slash + 1);
        if (auto status = jobs.status(id)) {
            response.body() = "{\"public_id\":\"" + std::string{id} + "\",\"status\":\"" + *status +
                              "\",\"error\":null,\"results\":{}}";
        } else {
            response.result(http::status::not_found);
            response.body() = "{\"error\":{\"type\":\"not_found\",\"message\":\"no such job\"}}";
        }
    }
    response.prepare_payload();
    return response;
}

// One connection: requests answered in turn until the client closes.
asio::awaitable<void> serve(tcp::socket socket, job_store& jobs) {
    socket.set_option(tcp::no_delay(true));
    beast::flat_buffer buffer;
    buffer.reserve(64 * 1024); // as edenmock's sessions: Beast's default grows from 512 bytes
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        auto [read_error, read] =
            co_await http::async_read(socket, buffer, parser, asio::as_tuple(asio::use_awaitable));
        if (read_error) {
            co_return;
        }
        auto response = answer(jobs, parser.get());
        auto [write_error, written] =
            co_await http::async_write(socket, response, asio::as_tuple(asio::use_awaitable));
        if (write_error || !response.keep_alive()) {
            co_return;
        }
    }
}

asio::awaitable<void> accept(tcp::acceptor& acceptor, job_store& jobs) {
    for (;;) {
        auto [error, socket] = co_await acceptor.async_accept(
            asio::make_strand(acceptor.get_executor()), asio::as_tuple(asio::use_awaitable));
        if (error) {
            continue;
        }
        auto executor = socket.get_executor();
        asio::co_spawn(executor, serve(std::move(socket), jobs), asio::detached);
    }
}

} // namespace

int main(int argc, char** argv) {
    unsigned short port = 0;
    unsigned threads = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag = argv[i];
        if (flag == "--port") {
            port = static_cast<unsigned short>(std::stoul(argv[i + 1]));
        } else if (flag == "--threads") {
            threads = static_cast<unsigned>(std::stoul(argv[i + 1]));
        } else {
            std::cerr << "usage: bench_anchor [--port N] [--threads N]\n";
            return 2;
        }
    }
    asio::io_context io{static_cast<int>(threads)};
    tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), port}};
    job_store jobs;
    asio::co_spawn(io, accept(acceptor, jobs), asio::detached);
    std::cout << "listening on http://127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) {
        pool.emplace_back([&io] { io.run(); });
    }
    io.run();
    for (auto& thread : pool) {
        thread.join();
    }
}
