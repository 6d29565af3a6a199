#pragma once

#include "server/net/connection.hpp"
#include "server/net/router.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <memory>

namespace emu::net {

// Limits applied to every connection.
struct session_settings {
    std::uint64_t max_body_bytes = 64ull * 1024 * 1024;
    std::uint32_t max_header_bytes = 16 * 1024;
    std::chrono::seconds request_timeout{30}; // reading a request, writing a response, idling
};

// Serves one connection: read a request, answer it, repeat while keep-alive holds. Pipelined
// requests are answered in order because each is read only after the previous one is written.
boost::asio::awaitable<void> run_session(std::shared_ptr<connection> conn,
                                         const router& router,
                                         session_settings settings,
                                         connection_registry& registry);

} // namespace emu::net
