#include "server/webhooks/outbound_connection.hpp"

#include "server/webhooks/address_ranges.hpp"
#include "server/webhooks/excerpt_body.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

namespace emu::webhooks {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using asio::ip::tcp;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

// Asio's host name check, plus an X509 error that names a mismatch: Asio returns false without
// setting one, and the handshake error would then only say "certificate verify failed".
struct verify_host {
    ssl::host_name_verification check;

    bool operator()(bool preverified, ssl::verify_context& context) const {
        const bool ok = check(preverified, context);
        if (preverified && !ok) {
            X509_STORE_CTX_set_error(context.native_handle(), X509_V_ERR_HOSTNAME_MISMATCH);
        }
        return ok;
    }
};

bool is_ip_literal(const std::string& host) {
    boost::system::error_code ec;
    asio::ip::make_address(host, ec);
    return !ec;
}

template <class Stream>
asio::awaitable<exchange_outcome> exchange_on(Stream& stream,
                                              beast::flat_buffer& buffer,
                                              const outbound_http_request& request,
                                              response_limits limits) {
    exchange_outcome outcome;
    auto [write_ec, written] = co_await http::async_write(stream, request, use_nothrow);
    if (write_ec) {
        outcome.error = "write: " + write_ec.message();
        co_return outcome;
    }
    http::response_parser<excerpt_body> parser;
    parser.body_limit(boost::none); // excerpt_body enforces limits.limit itself
    parser.get().body().keep = limits.keep;
    parser.get().body().limit = limits.limit;
    auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, use_nothrow);
    outcome.answered = parser.got_some();
    if (parser.is_header_done()) {
        outcome.status = parser.get().result_int();
        outcome.excerpt = std::move(parser.get().body().excerpt);
    }
    if (read_ec == http::error::body_limit && parser.is_header_done()) {
        co_return outcome; // cut on purpose: the connection is not reused
    }
    if (read_ec) {
        outcome.error = "read: " + read_ec.message();
        co_return outcome;
    }
    outcome.reusable = parser.keep_alive() && buffer.size() == 0;
    co_return outcome;
}

} // namespace

outbound_connection::outbound_connection(const outbound_executor& executor,
                                         ssl::context* tls,
                                         bool verify)
    : resolver_(executor)
    , verify_(verify) {
    if (tls != nullptr) {
        tls_.emplace(executor, *tls);
    } else {
        plain_.emplace(executor);
    }
}

beast::tcp_stream& outbound_connection::tcp() {
    return tls_ ? tls_->next_layer() : *plain_;
}

asio::awaitable<open_outcome> outbound_connection::open(outbound_target target) {
    auto [resolve_ec, endpoints] =
        co_await resolver_.async_resolve(target.host, std::to_string(target.port), use_nothrow);
    if (resolve_ec) {
        co_return open_outcome{"resolve: " + resolve_ec.message()};
    }
    for (const auto& entry : endpoints) {
        const auto address = entry.endpoint().address();
        if (const auto kind = non_public_kind(address); target.public_only && !kind.empty()) {
            co_return open_outcome{"host " + target.host + " resolves to " + address.to_string() +
                                       ", a " + std::string{kind} + " address",
                                   true};
        }
    }
    // A close() that came while the resolve result was on its way found nothing to abort.
    if (closed_) {
        co_return open_outcome{"connect: closed before it started"};
    }
    auto [connect_ec, endpoint] = co_await tcp().async_connect(endpoints, use_nothrow);
    if (connect_ec) {
        co_return open_outcome{"connect: " + connect_ec.message()};
    }
    boost::system::error_code ignored;
    tcp().socket().set_option(tcp::no_delay(true), ignored);
    if (!tls_) {
        co_return open_outcome{};
    }
    // SNI carries host names only (RFC 6066 section 3), never address literals. SSL_ctrl is
    // what the SSL_set_tlsext_host_name macro expands to, minus its C-style cast.
    if (!is_ip_literal(target.host) && SSL_ctrl(tls_->native_handle(),
                                                SSL_CTRL_SET_TLSEXT_HOSTNAME,
                                                TLSEXT_NAMETYPE_host_name,
                                                target.host.data()) != 1) {
        co_return open_outcome{"TLS handshake: cannot set the server name"};
    }
    if (verify_) {
        tls_->set_verify_callback(verify_host{ssl::host_name_verification{target.host}});
    }
    auto [handshake_ec] = co_await tls_->async_handshake(ssl::stream_base::client, use_nothrow);
    if (handshake_ec) {
        std::string error = "TLS handshake: " + handshake_ec.message();
        const long verdict = SSL_get_verify_result(tls_->native_handle());
        if (verdict != X509_V_OK) {
            error += ": " + std::string{X509_verify_cert_error_string(verdict)};
        }
        co_return open_outcome{std::move(error)};
    }
    co_return open_outcome{};
}

asio::awaitable<exchange_outcome>
outbound_connection::exchange(const outbound_http_request& request, response_limits limits) {
    if (tls_) {
        co_return co_await exchange_on(*tls_, buffer_, request, limits);
    }
    co_return co_await exchange_on(*plain_, buffer_, request, limits);
}

void outbound_connection::close() {
    closed_ = true;
    resolver_.cancel();
    boost::system::error_code ignored;
    tcp().socket().close(ignored);
}

bool outbound_connection::alive() {
    auto& socket = tcp().socket();
    if (!socket.is_open() || buffer_.size() > 0) {
        return false;
    }
    // A non-blocking peek: would_block means the peer is still there and sent nothing. Data
    // (even a TLS alert) or end of stream means the connection cannot carry a new request.
    boost::system::error_code ec;
    socket.non_blocking(true, ec);
    char byte = 0;
    socket.receive(asio::buffer(&byte, 1), asio::socket_base::message_peek, ec);
    boost::system::error_code ignored;
    socket.non_blocking(false, ignored);
    return ec == asio::error::would_block;
}

} // namespace emu::webhooks
