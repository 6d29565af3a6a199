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
    , registry_(registry) {
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
}

void listener::stop() {
    asio::post(acceptor_.get_executor(), [this] {
        boost::system::error_code ignored;
        acceptor_.close(ignored);
    });
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
