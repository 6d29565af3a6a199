#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::testing {

// One request as the receiver read it.
struct received_request {
    std::string method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers; // as received, in order
    std::string body;
    std::size_t order = 0;      // 0, 1, 2, ... in arrival order
    std::size_t connection = 0; // 0, 1, 2, ... in accept order

    // The first value of the header (name compared case-insensitively); "" when absent.
    std::string header(std::string_view name) const;
};

// What the receiver does with one request.
struct behaviour {
    enum class action { respond, hang, close };

    action what = action::respond;
    unsigned status = 200;
    std::string body = "ok";

    static behaviour respond(unsigned status, std::string body);

    // Reads the request and never answers; the connection stays open until the client closes
    // it or the receiver stops.
    static behaviour hang();

    // Closes the connection without answering.
    static behaviour close();
};

// A loopback HTTP/1.1 server on 127.0.0.1:0 for webhook tests, plain or TLS with a fresh
// self-signed certificate, on a thread of its own. It records every request and answers each
// with the next scripted behaviour, or with the default once the script is used up. Members
// may be called from any thread; stop() from one at a time.
class webhook_receiver {
public:
    enum class transport { plain, tls };

    explicit webhook_receiver(transport mode = transport::plain);

    ~webhook_receiver();

    webhook_receiver(const webhook_receiver&) = delete;
    webhook_receiver& operator=(const webhook_receiver&) = delete;

    // Appends to the script: one behaviour is used per request, in order.
    void script(behaviour next);

    // Used when the script is empty; initially respond(200, "ok").
    void set_default(behaviour fallback);

    // Waits until at least n requests have arrived; false when the timeout passes first.
    bool wait_for_requests(std::size_t n, std::chrono::milliseconds timeout) const;

    std::vector<received_request> requests() const;

    std::size_t connections_accepted() const;

    std::uint16_t port() const;

    // "http://127.0.0.1:PORT/path" ("https://..." with TLS).
    std::string url(std::string_view path = "/") const;

    // The TLS certificate as PEM, usable as a client's CA file; "" without TLS.
    const std::string& certificate_pem() const;

    // Closes every connection, hung ones included, and joins the thread. Idempotent.
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace emu::testing
