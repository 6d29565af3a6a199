#pragma once

#include "server/webhooks/outbound_url.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace emu::webhooks {

using outbound_executor = boost::asio::strand<boost::asio::io_context::executor_type>;
using outbound_http_request = boost::beast::http::request<boost::beast::http::string_body>;

// How much of a response is read and kept.
struct response_limits {
    std::size_t keep = 0;    // body bytes kept in the excerpt
    std::uint64_t limit = 0; // body bytes read at most; a longer body is cut
};

// What one request/response exchange on a connection gave.
struct exchange_outcome {
    unsigned status = 0; // 0 when no complete response header arrived
    std::string excerpt; // the first response body bytes
    std::string
        error; // "write: ..." or "read: ..."; empty for a whole (or deliberately cut) response
    bool answered = false; // at least one response byte arrived
    bool reusable = false; // the connection can carry another request
};

// How opening a connection ended: "" or what failed.
struct open_outcome {
    std::string error;
    bool refused = false; // a non-public address, with public_only: no connection was tried
};

// One client connection to one host, plain or TLS, carrying one request at a time. It sets no
// timeouts of its own: attempts end when the caller closes the connection. Every member must be
// called on the executor given at construction.
class outbound_connection {
public:
    // `tls` is null for plain http; `verify` checks the certificate against the host name.
    outbound_connection(const outbound_executor& executor,
                        boost::asio::ssl::context* tls,
                        bool verify);

    // Resolves, connects and, for https, shakes hands. The error says what failed ("connect:
    // Connection refused", "TLS handshake: certificate verify failed ..."). With
    // target.public_only, a host resolving to any non-public address (address_ranges) is
    // refused before connecting.
    boost::asio::awaitable<open_outcome> open(outbound_target target);

    // Writes `request` and reads one response within `limits`. The request must outlive it.
    boost::asio::awaitable<exchange_outcome> exchange(const outbound_http_request& request,
                                                      response_limits limits);

    // Aborts pending operations (they complete with operation_aborted) and closes the socket.
    void close();

    // True when an idle connection still looks usable: open, nothing unread, peer not gone.
    bool alive();

private:
    boost::beast::tcp_stream& tcp();

    boost::asio::ip::tcp::resolver resolver_;
    std::optional<boost::beast::tcp_stream> plain_;
    std::optional<boost::beast::ssl_stream<boost::beast::tcp_stream>> tls_;
    bool verify_;
    bool closed_ = false;
    boost::beast::flat_buffer buffer_;
};

} // namespace emu::webhooks
