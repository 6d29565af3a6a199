#include "tests/integration/support/webhook_receiver.hpp"

#include "server/support/spawn.hpp"
#include "tests/integration/support/self_signed_cert.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace emu::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using asio::ip::tcp;

namespace {

constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

} // namespace

std::string received_request::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (beast::iequals(key, name)) {
            return value;
        }
    }
    return {};
}

behaviour behaviour::respond(unsigned status, std::string body) {
    return behaviour{action::respond, status, std::move(body)};
}

behaviour behaviour::hang() {
    return behaviour{action::hang, 0, {}};
}

behaviour behaviour::close() {
    return behaviour{action::close, 0, {}};
}

// The server: an io_context on one thread, so the coroutines below never run concurrently;
// the mutex guards what the test thread reads and writes.
struct webhook_receiver::impl {
    std::optional<ssl::context> tls;
    std::string certificate;
    std::optional<asio::io_context> io{std::in_place};
    std::optional<tcp::acceptor> acceptor{std::in_place, *io};
    std::uint16_t port = 0;
    std::thread thread;

    mutable std::mutex mutex;
    mutable std::condition_variable arrived;
    std::vector<received_request> requests;
    std::deque<behaviour> script;
    behaviour fallback;
    std::size_t connections = 0;

    asio::awaitable<void> accept_loop();

    asio::awaitable<void> serve(tcp::socket socket, std::size_t connection);

    template <class Stream>
    asio::awaitable<void> answer_requests(Stream& stream, std::size_t connection);

    // Stores the request, wakes waiters and returns what to do with it.
    behaviour record(const http::request<http::string_body>& req, std::size_t connection);
};

asio::awaitable<void> webhook_receiver::impl::accept_loop() {
    for (;;) {
        auto [ec, socket] = co_await acceptor->async_accept(use_nothrow);
        if (ec) {
            co_return;
        }
        std::size_t connection = 0;
        {
            std::lock_guard lock{mutex};
            connection = connections++;
        }
        asio::co_spawn(*io,
                       serve(std::move(socket), connection),
                       emu::support::log_failure{"webhook receiver session"});
    }
}

asio::awaitable<void> webhook_receiver::impl::serve(tcp::socket socket, std::size_t connection) {
    if (!tls) {
        beast::tcp_stream stream{std::move(socket)};
        co_await answer_requests(stream, connection);
        co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream{std::move(socket), *tls};
    auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, use_nothrow);
    if (!ec) {
        co_await answer_requests(stream, connection);
    }
}

template <class Stream>
asio::awaitable<void> webhook_receiver::impl::answer_requests(Stream& stream,
                                                              std::size_t connection) {
    beast::flat_buffer buffer;
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, use_nothrow);
        if (read_ec) {
            co_return;
        }
        const auto req = parser.release();
        const auto next = record(req, connection);
        if (next.what == behaviour::action::close) {
            co_return; // destroying the stream closes the socket
        }
        if (next.what == behaviour::action::hang) {
            // Read on (and discard) so that a client closing its end ends this session.
            for (;;) {
                buffer.clear();
                auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), use_nothrow);
                if (ec) {
                    co_return;
                }
            }
        }
        http::response<http::string_body> res;
        res.version(req.version());
        res.result(next.status);
        res.set(http::field::content_type, "text/plain");
        res.keep_alive(req.keep_alive());
        res.body() = next.body;
        res.prepare_payload();
        auto [write_ec, written] = co_await http::async_write(stream, res, use_nothrow);
        if (write_ec || !res.keep_alive()) {
            co_return;
        }
    }
}

behaviour webhook_receiver::impl::record(const http::request<http::string_body>& req,
                                         std::size_t connection) {
    received_request entry;
    entry.method = std::string{req.method_string()};
    entry.target = std::string{req.target()};
    for (const auto& field : req) {
        entry.headers.emplace_back(std::string{field.name_string()}, std::string{field.value()});
    }
    entry.body = req.body();
    entry.connection = connection;
    std::lock_guard lock{mutex};
    entry.order = requests.size();
    requests.push_back(std::move(entry));
    arrived.notify_all();
    if (script.empty()) {
        return fallback;
    }
    auto next = std::move(script.front());
    script.pop_front();
    return next;
}

webhook_receiver::webhook_receiver(transport mode)
    : impl_(std::make_unique<impl>()) {
    if (mode == transport::tls) {
        const auto pem = make_self_signed_cert();
        impl_->certificate = pem.cert;
        impl_->tls.emplace(ssl::context::tls_server);
        impl_->tls->use_certificate_chain(asio::buffer(pem.cert));
        impl_->tls->use_private_key(asio::buffer(pem.key), ssl::context::pem);
    }
    const tcp::endpoint endpoint{asio::ip::make_address("127.0.0.1"), 0};
    auto& acceptor = *impl_->acceptor;
    acceptor.open(endpoint.protocol());
    acceptor.bind(endpoint);
    acceptor.listen();
    impl_->port = acceptor.local_endpoint().port();
    asio::co_spawn(*impl_->io,
                   impl_->accept_loop(),
                   emu::support::log_failure{"webhook receiver accept loop"});
    impl_->thread = std::thread{[this] {
        impl_->io->run();
    }};
}

webhook_receiver::~webhook_receiver() {
    stop();
}

void webhook_receiver::stop() {
    if (!impl_->thread.joinable()) {
        return;
    }
    impl_->io->stop();
    impl_->thread.join();
    // Destroying the io_context destroys the suspended sessions and so closes their sockets,
    // hung ones included.
    impl_->acceptor.reset();
    impl_->io.reset();
}

void webhook_receiver::script(behaviour next) {
    std::lock_guard lock{impl_->mutex};
    impl_->script.push_back(std::move(next));
}

void webhook_receiver::set_default(behaviour fallback) {
    std::lock_guard lock{impl_->mutex};
    impl_->fallback = std::move(fallback);
}

bool webhook_receiver::wait_for_requests(std::size_t n, std::chrono::milliseconds timeout) const {
    std::unique_lock lock{impl_->mutex};
    return impl_->arrived.wait_for(lock, timeout, [&] { return impl_->requests.size() >= n; });
}

std::vector<received_request> webhook_receiver::requests() const {
    std::lock_guard lock{impl_->mutex};
    return impl_->requests;
}

std::size_t webhook_receiver::connections_accepted() const {
    std::lock_guard lock{impl_->mutex};
    return impl_->connections;
}

std::uint16_t webhook_receiver::port() const {
    return impl_->port;
}

std::string webhook_receiver::url(std::string_view path) const {
    std::string url = impl_->tls ? "https://127.0.0.1:" : "http://127.0.0.1:";
    url += std::to_string(port());
    if (path.empty() || path.front() != '/') {
        url += '/';
    }
    url += path;
    return url;
}

const std::string& webhook_receiver::certificate_pem() const {
    return impl_->certificate;
}

} // namespace emu::testing
