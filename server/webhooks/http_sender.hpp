#pragma once

#include <boost/asio/io_context.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace emu::webhooks {

// One POST to send.
struct outbound_request {
    std::string url;                                          // http:// or https://
    std::vector<std::pair<std::string, std::string>> headers; // sent in this order
    std::string body;
    // Refuse, before connecting, a host that resolves to a non-public address (address_ranges):
    // every address it resolves to is checked, so a name cannot lead to loopback or the LAN.
    bool public_only = false;
};

// How one POST ended.
struct outbound_result {
    unsigned status = 0;      // HTTP status; 0 when no response header was received
    std::string body_excerpt; // the first excerpt_limit bytes of the response body
    // Empty when a response was received (its body possibly cut at max_response_bytes); else
    // what failed: "bad URL: ...", "bad header: ...", "resolve: ...", "connect: ...",
    // "TLS handshake: ...", "write: ...", "read: ..." or "cancelled: <reason>". A "read: ..."
    // error with a status means the header arrived but the body did not end properly.
    std::string error;
    // The request was not sent because of public_only; `error` says which address, e.g.
    // "host localhost resolves to 127.0.0.1, a loopback address".
    bool refused = false;
};

// Limits and TLS settings of a sender.
struct sender_options {
    std::size_t max_in_flight = 256;          // all hosts
    std::size_t max_in_flight_per_host = 8;   // the rest wait in a FIFO per host
    std::size_t max_idle_per_host = 4;        // kept-alive connections kept for reuse
    std::size_t excerpt_limit = 4096;         // response body bytes kept
    std::size_t max_response_bytes = 1 << 20; // larger bodies: read is cut, connection not reused
    bool insecure = false;                    // https: skip certificate and host name checks
    std::string ca_file;                      // https: PEM CA bundle trusted besides the system's
    std::string user_agent;                   // sent unless the request's headers carry one
};

// An asynchronous HTTP/1.1 POST client for webhook deliveries. Connections are kept alive and
// reused per scheme, host and port; concurrency is bounded overall and per host, and requests
// beyond the bounds wait in a FIFO per host, so a slow host delays only its own queue. It sets
// no timeouts: attempts end with a response, a network error, cancel() or stop().
// Threading: every member may be called from any thread. All sender state and every connection
// live on one strand of the io_context; completions are posted to the io_context itself.
class http_sender {
public:
    using completion = std::function<void(outbound_result)>;

    // The io_context must outlive the sender. Throws std::runtime_error when options.ca_file
    // cannot be loaded.
    http_sender(boost::asio::io_context& io, sender_options options);

    // Stops the sender (see stop()).
    ~http_sender();

    http_sender(const http_sender&) = delete;
    http_sender& operator=(const http_sender&) = delete;

    // Starts (or queues) one POST; `done` runs exactly once, on an io_context thread, never
    // inside send(). Problems, a bad URL included, are reported through `done`.
    std::uint64_t send(outbound_request request, completion done);

    // Ends that attempt now: its connection is closed, its slot goes to the next queued request
    // and `done` gets error "cancelled: <reason>". No-op when the attempt already completed.
    void cancel(std::uint64_t id, std::string reason);

    // Cancels every attempt ("cancelled: shutting down") and closes idle connections; later
    // sends complete with the same error.
    void stop();

    // Attempts that hold a slot (connecting, sending or waiting for the answer).
    std::size_t in_flight() const;

    // Attempts waiting for a slot, counted from the moment send() returns.
    std::size_t queued() const;

private:
    class state;
    std::shared_ptr<state> state_;
};

} // namespace emu::webhooks
