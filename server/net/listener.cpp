#include "server/net/listener.hpp"

#include "server/support/log.hpp"
#include "server/support/spawn.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <stdexcept>

namespace emu::net {

namespace asio = boost::asio;
using asio::ip::tcp;

listener::listener(asio::io_context& io,
                   const tcp::endpoint& endpoint,
                   const router& router,
                   session_settings settings,
                   connection_registry& registry)
    : io_(io)
    , acceptor_(io)
    , router_(router)
    , settings_(settings)
    , registry_(registry)
    , sweep_timer_(asio::make_strand(io)) {
    boost::system::error_code ec;
    const auto fail = [&](std::string_view step) {
        throw listen_error("cannot " + std::string{step} + " " + endpoint.address().to_string() +
                               ":" + std::to_string(endpoint.port()) + ": " + ec.message(),
                           ec);
    };
    if (acceptor_.open(endpoint.protocol(), ec); ec) {
        fail("open a socket for");
    }
    if (acceptor_.set_option(asio::socket_base::reuse_address(true), ec); ec) {
        fail("configure");
    }
    if (acceptor_.bind(endpoint, ec); ec) {
        fail("bind to");
    }
    if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) {
        fail("listen on");
    }
}

void listener::start() {
    asio::co_spawn(acceptor_.get_executor(), accept_loop(), support::log_failure{"accept loop"});
    asio::co_spawn(sweep_timer_.get_executor(), sweep_loop(), support::log_failure{"sweep loop"});
}

void listener::stop() {
    asio::post(acceptor_.get_executor(), [this] {
        boost::system::error_code ignored;
        acceptor_.close(ignored);
    });
    asio::post(sweep_timer_.get_executor(), [this] {
        sweeping_ = false;
        sweep_timer_.cancel();
    });
}

asio::awaitable<void> listener::sweep_loop() {
    // Deadlines are whole seconds: a connection is closed at most a quarter second late.
    constexpr std::chrono::milliseconds interval{250};
    while (sweeping_) {
        sweep_timer_.expires_after(interval);
        auto [ec] = co_await sweep_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
        if (ec || !sweeping_) {
            co_return;
        }
        registry_.sweep(std::chrono::steady_clock::now());
    }
}

asio::awaitable<void> listener::accept_loop() {
    for (;;) {
        auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(io_),
                                                            asio::as_tuple(asio::use_awaitable));
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) {
            co_return;
        }
        if (ec) {
            log::warn("accept failed: " + ec.message());
            continue;
        }
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        auto conn = std::make_shared<connection>(std::move(socket));
        registry_.add(conn);
        const auto executor = conn->stream.get_executor();
        asio::co_spawn(executor,
                       run_session(std::move(conn), router_, settings_, registry_),
                       support::log_failure{"session"});
    }
}

} // namespace emu::net
