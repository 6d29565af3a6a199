#include "tests/integration/support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/dynamic_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

namespace emu::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct http_client::impl {
    asio::io_context io;
    std::optional<beast::tcp_stream> stream;
    beast::flat_buffer buffer;
    std::uint16_t port;

    explicit impl(std::uint16_t p)
        : port(p) {
        connect();
    }

    void connect() {
        stream.emplace(io);
        buffer.clear();
        stream->connect(asio::ip::tcp::endpoint{asio::ip::make_address("127.0.0.1"), port});
    }

    http_result read_one() {
        http::response_parser<http::string_body> parser;
        parser.body_limit(256ull * 1024 * 1024);
        stream->expires_after(std::chrono::seconds{10});
        http::read(*stream, buffer, parser);
        const auto& res = parser.get();
        http_result result;
        result.status = res.result_int();
        for (const auto& field : res) {
            std::string name{field.name_string()};
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
                return static_cast<char>(std::tolower(c));
            });
            result.headers[name] = std::string{field.value()};
        }
        result.body = res.body();
        if (!res.keep_alive()) {
            // The server closes after this answer: do not reuse the connection.
            boost::system::error_code ignored;
            stream->socket().close(ignored);
        }
        return result;
    }
};

boost::json::value http_result::json() const {
    boost::system::error_code ec;
    auto value = boost::json::parse(body, ec);
    return ec ? boost::json::value{} : value;
}

std::string http_result::header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
}

http_client::http_client(std::uint16_t port, std::string token)
    : impl_(std::make_unique<impl>(port))
    , token_(std::move(token)) {}

http_client::~http_client() = default;

http_result http_client::request(std::string_view method,
                                 std::string_view target,
                                 std::string_view body,
                                 const std::vector<std::pair<std::string, std::string>>& headers,
                                 bool authorize) {
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    if (req.method() == http::verb::unknown) {
        req.method_string(method);
    }
    req.set(http::field::host, "127.0.0.1:" + std::to_string(impl_->port));
    if (authorize && !token_.empty()) {
        req.set(http::field::authorization, "Bearer " + token_);
    }
    for (const auto& [name, value] : headers) {
        req.set(name, value);
    }
    req.body() = std::string{body};
    req.prepare_payload();
    if (closed_by_server()) {
        impl_->connect();
    }
    impl_->stream->expires_after(std::chrono::seconds{10});
    http::write(*impl_->stream, req);
    return impl_->read_one();
}

http_result http_client::get(std::string_view target) {
    return request("GET", target);
}

http_result http_client::del(std::string_view target) {
    return request("DELETE", target);
}

http_result http_client::post_json(std::string_view target, std::string_view body) {
    return request("POST", target, body, {{"Content-Type", "application/json"}});
}

http_result http_client::post_form(std::string_view target, std::string_view urlencoded) {
    return request(
        "POST", target, urlencoded, {{"Content-Type", "application/x-www-form-urlencoded"}});
}

http_result http_client::post_multipart(std::string_view target,
                                        const std::vector<form_part>& parts) {
    const auto [body, type] = multipart_body(parts);
    return request("POST", target, body, {{"Content-Type", type}});
}

std::vector<http_result> http_client::raw(std::string_view bytes, std::size_t responses) {
    if (closed_by_server()) {
        impl_->connect();
    }
    asio::write(impl_->stream->socket(), asio::buffer(bytes.data(), bytes.size()));
    std::vector<http_result> results;
    for (std::size_t i = 0; i < responses; ++i) {
        results.push_back(impl_->read_one());
    }
    return results;
}

bool http_client::closed_by_server() {
    auto& socket = impl_->stream->socket();
    if (!socket.is_open()) {
        return true; // closed after a "Connection: close" answer
    }
    if (impl_->buffer.size() > 0) {
        return false;
    }
    // A non-blocking peek: 0 bytes read means the peer closed.
    socket.non_blocking(true);
    char byte = 0;
    boost::system::error_code ec;
    const auto n = socket.receive(asio::buffer(&byte, 1), asio::socket_base::message_peek, ec);
    socket.non_blocking(false);
    if (ec == asio::error::would_block) {
        return false;
    }
    return ec || n == 0;
}

std::uint16_t http_client::local_port() {
    return impl_->stream->socket().local_endpoint().port();
}

std::pair<std::string, std::string> multipart_body(const std::vector<form_part>& parts) {
    const std::string boundary = "edenmock-test-boundary-7d93";
    std::string body;
    for (const auto& part : parts) {
        body += "--" + boundary + "\r\n";
        body += "Content-Disposition: form-data; name=\"" + part.name + "\"";
        if (!part.filename.empty()) {
            body += "; filename=\"" + part.filename + "\"";
        }
        body += "\r\n";
        if (!part.content_type.empty()) {
            body += "Content-Type: " + part.content_type + "\r\n";
        }
        body += "\r\n" + part.value + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return {body, "multipart/form-data; boundary=" + boundary};
}

} // namespace emu::testing
