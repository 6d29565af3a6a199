#pragma once

#include "server/net/connection.hpp"
#include "server/net/router.hpp"
#include "server/net/session.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <stdexcept>
#include <string>

namespace emu::net {

// The address could not be opened, bound or listened on; code() says why (in use, denied...).
class listen_error : public std::runtime_error {
public:
    listen_error(const std::string& what, boost::system::error_code code)
        : std::runtime_error(what)
        , code_(code) {}

    const boost::system::error_code& code() const { return code_; }

private:
    boost::system::error_code code_;
};

// Accepts connections and starts a session for each, every connection on its own strand; and
// sweeps the registry's connections for expired deadlines (session_settings::request_timeout)
// four times a second.
class listener {
public:
    // Opens, binds and listens; throws listen_error naming the address on failure.
    listener(boost::asio::io_context& io,
             const boost::asio::ip::tcp::endpoint& endpoint,
             const router& router,
             session_settings settings,
             connection_registry& registry);

    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

    void start();

    // Stops accepting and sweeping; connections already accepted carry on (the server's stop
    // gives them a second).
    void stop();

private:
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> sweep_loop();

    boost::asio::io_context& io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    const router& router_;
    session_settings settings_;
    connection_registry& registry_;
    boost::asio::steady_timer sweep_timer_; // on a strand of its own, with sweeping_
    bool sweeping_ = true;
};

} // namespace emu::net
