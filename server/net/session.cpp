#include "server/net/session.hpp"

#include "server/net/v3_errors.hpp"
#include "server/support/log.hpp"
#include "server/support/text.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <string>

namespace emu::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

// Reads and discards what the client still sends after an early error answer, so closing
// does not reset the connection before the client has read that answer (a lingering close).
asio::awaitable<void> drain(beast::tcp_stream& stream, beast::flat_buffer& buffer) {
    stream.expires_after(std::chrono::seconds{1});
    std::uint64_t discarded = 0;
    while (discarded < 64ull * 1024 * 1024) {
        buffer.clear();
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(64 * 1024), use_nothrow);
        if (ec) {
            break;
        }
        discarded += n;
    }
}

// Closes the connection without an answer so that the client sees a reset: SO_LINGER 0 makes
// close() send RST instead of FIN.
void reset_connection(beast::tcp_stream& stream) {
    boost::system::error_code ignored;
    stream.socket().set_option(asio::socket_base::linger{true, 0}, ignored);
    stream.socket().close(ignored);
}

// Writes the header and the first `body_bytes` bytes of the body, then ends the sending side,
// so the client reads fewer bytes than Content-Length announced.
asio::awaitable<void>
write_truncated(beast::tcp_stream& stream, response& res, std::uint64_t body_bytes) {
    http::response_serializer<http::string_body> serializer{res};
    auto [header_ec, header_bytes] =
        co_await http::async_write_header(stream, serializer, use_nothrow);
    if (!header_ec) {
        const auto& body = res.body();
        const auto sent =
            static_cast<std::size_t>(std::min<std::uint64_t>(body_bytes, body.size()));
        co_await asio::async_write(stream, asio::buffer(body.data(), sent), use_nothrow);
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

std::string remote_of(const beast::tcp_stream& stream) {
    boost::system::error_code ec;
    const auto endpoint = stream.socket().remote_endpoint(ec);
    return ec ? std::string{"-"}
              : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
}

void log_access(const std::string& remote,
                const request& req,
                const response& res,
                std::chrono::steady_clock::duration elapsed) {
    if (!log::enabled(log::level::info)) {
        return;
    }
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
    log::access(
        {.remote = remote,
         .method = req.method_string(),
         .target = req.target(),
         .status = res.result_int(),
         .bytes = res.body().size(),
         .duration_ms = static_cast<double>(micros) / 1000.0,
         .bearer_token = support::bearer_token(req[http::field::authorization]).value_or("")});
}

// The answer to a request that could not be read: 413 (in the format of the API its target is
// under), 431 or 400; nullopt when the connection simply ended or timed out.
std::optional<api_error> read_failure(const boost::system::error_code& ec,
                                      std::uint64_t max_body_bytes,
                                      error_dialect dialect) {
    if (ec == http::error::body_limit) {
        return dialect == error_dialect::eden_v3 ? v3::too_large(max_body_bytes)
                                                 : api_error::too_large(max_body_bytes);
    }
    if (ec == http::error::header_limit) {
        return api_error{
            431,
            api_error::error_body("request_header_too_large", "Request headers are too large.")};
    }
    if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
        return api_error{
            400,
            api_error::error_body("bad_request", "Malformed HTTP request: " + ec.message() + ".")};
    }
    return std::nullopt;
}

// Waits for a pending answer: asks it now and then every 5 ms on a timer (other connections go
// on meanwhile), until it is ready, its deadline passes or the server stops.
asio::awaitable<response>
wait_for(asio::any_io_executor executor, const pending_answer& pending, const connection& conn) {
    asio::steady_timer tick{executor};
    for (;;) {
        if (auto ready = pending.ready()) {
            co_return std::move(*ready);
        }
        if (conn.stopping || std::chrono::steady_clock::now() >= pending.deadline) {
            co_return pending.expired();
        }
        tick.expires_after(std::chrono::milliseconds{5});
        co_await tick.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

// Waits, without holding a thread, until the state file has what the request changed; false
// when that commit failed. The callback may come from any thread, before or after the wait
// starts: it posts to the session's strand, which sets the flag and wakes the timer.
asio::awaitable<bool> wait_durable(asio::any_io_executor executor, const durable_wait& until) {
    struct waiter {
        explicit waiter(asio::any_io_executor on)
            : timer(on, asio::steady_timer::time_point::max()) {}

        asio::steady_timer timer;
        bool done = false;
        bool ok = false;
    };

    auto state = std::make_shared<waiter>(executor);
    until([state, executor](bool ok) {
        asio::post(executor, [state, ok] {
            state->done = true;
            state->ok = ok;
            state->timer.cancel();
        });
    });
    while (!state->done) {
        co_await state->timer.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    co_return state->ok;
}

} // namespace

asio::awaitable<void> run_session(std::shared_ptr<connection> conn,
                                  const router& router,
                                  session_settings settings,
                                  connection_registry& registry) {
    auto& stream = conn->stream;
    const std::string remote = remote_of(stream);
    beast::flat_buffer buffer;
    // A large first read buffer: Beast's default grows from 512 bytes, which makes big
    // multipart uploads take many small reads.
    buffer.reserve(64 * 1024);
    while (!conn->stopping) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(settings.max_header_bytes);
        parser.body_limit(settings.max_body_bytes);
        conn->expires_after(settings.request_timeout);
        conn->busy = false;
        auto [header_ec, header_bytes] =
            co_await http::async_read_header(stream, buffer, parser, use_nothrow);
        conn->busy = true;
        boost::system::error_code ec = header_ec;
        if (!ec) {
            const auto& head = parser.get();
            const auto length = parser.content_length();
            if (length && *length > settings.max_body_bytes) {
                ec = http::error::body_limit;
            } else if (beast::iequals(head[http::field::expect], "100-continue")) {
                static constexpr std::string_view continue_line = "HTTP/1.1 100 Continue\r\n\r\n";
                auto [continue_ec, continue_bytes] =
                    co_await asio::async_write(stream, asio::buffer(continue_line), use_nothrow);
                ec = continue_ec;
            }
        }
        if (!ec && !parser.is_done()) {
            auto [body_ec, body_bytes] =
                co_await http::async_read(stream, buffer, parser, use_nothrow);
            ec = body_ec;
        }
        conn->expires_never();
        if (ec) {
            // The target is there once the request line was read (Beast refuses a Content-Length
            // over the limit while it reads the header); without one the answer is v2's.
            const auto dialect = router.dialect_of(parser.get().target());
            const auto failure = read_failure(ec, settings.max_body_bytes, dialect);
            if (failure) {
                auto res = error_response(*failure, 11);
                res.keep_alive(false);
                conn->expires_after(settings.request_timeout);
                co_await http::async_write(stream, res, use_nothrow);
                boost::system::error_code ignored;
                stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
                co_await drain(stream, buffer);
                log::info(remote + " (unreadable request) " + std::to_string(failure->status()));
            }
            break;
        }
        const auto started = std::chrono::steady_clock::now();
        auto req = parser.release();
        auto answer = router.handle(req);
        if (answer.how.until_durable &&
            !co_await wait_durable(stream.get_executor(), answer.how.until_durable)) {
            const std::string_view message =
                "edenmock could not write the change to its state file (--state); see its log";
            answer.res = error_response(router.dialect_of(req.target()) == error_dialect::eden_v3
                                            ? v3::internal(message)
                                            : api_error::internal(std::string{message}),
                                        req.version());
        }
        if (answer.how.wait) {
            answer.res = co_await wait_for(stream.get_executor(), *answer.how.wait, *conn);
        }
        auto& res = answer.res;
        if (conn->stopping) {
            res.keep_alive(false);
        }
        if (answer.how.latency.count() > 0) {
            // A timer, not a sleep: other connections go on meanwhile.
            asio::steady_timer delay{stream.get_executor(), answer.how.latency};
            co_await delay.async_wait(use_nothrow);
        }
        if (answer.how.reset) {
            reset_connection(stream);
            log::info(remote + " \"" + std::string{req.method_string()} + " " +
                      std::string{req.target()} + "\" reset (scenario fault)");
            break;
        }
        conn->expires_after(settings.request_timeout);
        if (answer.how.truncate) {
            co_await write_truncated(stream, res, *answer.how.truncate);
            log_access(remote, req, res, std::chrono::steady_clock::now() - started);
            co_await drain(stream, buffer);
            break;
        }
        auto [write_ec, written] = co_await http::async_write(stream, res, use_nothrow);
        log_access(remote, req, res, std::chrono::steady_clock::now() - started);
        if (write_ec || !res.keep_alive()) {
            break;
        }
    }
    if (stream.socket().is_open()) {
        boost::system::error_code ignored;
        stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    }
    registry.remove(conn.get());
}

} // namespace emu::net
