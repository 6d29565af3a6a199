#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace emu::testing {

// A response as the test sees it.
struct http_result {
    unsigned status = 0;
    std::map<std::string, std::string> headers; // lower-case names
    std::string body;

    // The body parsed as JSON (null when it is not JSON).
    boost::json::value json() const;

    std::string header(const std::string& name) const;
};

// One multipart part for launch bodies built by tests.
struct form_part {
    std::string name;
    std::string value;
    std::string filename; // non-empty: a file part
    std::string content_type;
};

// A blocking HTTP/1.1 client on one keep-alive connection to 127.0.0.1:port.
class http_client {
public:
    explicit http_client(std::uint16_t port, std::string token = "test-token");
    ~http_client();

    http_client(const http_client&) = delete;
    http_client& operator=(const http_client&) = delete;

    http_result get(std::string_view target);
    http_result del(std::string_view target);
    http_result post_json(std::string_view target, std::string_view body);
    http_result post_form(std::string_view target, std::string_view urlencoded);
    http_result post_multipart(std::string_view target, const std::vector<form_part>& parts);

    // Sends any request; headers are name/value pairs; the bearer token is added unless
    // `authorize` is false.
    http_result request(std::string_view method,
                        std::string_view target,
                        std::string_view body = {},
                        const std::vector<std::pair<std::string, std::string>>& headers = {},
                        bool authorize = true);

    // Writes raw bytes and reads `responses` responses back (for pipelining and malformed
    // requests); the connection is used as is.
    std::vector<http_result> raw(std::string_view bytes, std::size_t responses);

    // True when the server has closed this connection.
    bool closed_by_server();

    // The local port of the current connection: unchanged while one connection is reused.
    std::uint16_t local_port();

    void set_token(std::string token) { token_ = std::move(token); }

private:
    struct impl;
    std::unique_ptr<impl> impl_;
    std::string token_;
};

// A multipart body and its Content-Type, for raw requests.
std::pair<std::string, std::string> multipart_body(const std::vector<form_part>& parts);

} // namespace emu::testing
