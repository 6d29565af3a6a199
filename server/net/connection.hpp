#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace emu::net {

// One client connection. Touched only on its own strand (the stream's executor), but for its
// deadline, which connection_registry::sweep reads from another thread.
struct connection {
    using clock = std::chrono::steady_clock;

    explicit connection(boost::asio::ip::tcp::socket socket)
        : stream(std::move(socket)) {}

    // The read or write about to start must end within `timeout`, or the connection is closed
    // (by the registry's sweep: a per-operation timer would cost two timer-queue locks each).
    void expires_after(clock::duration timeout) {
        deadline.store((clock::now() + timeout).time_since_epoch().count(),
                       std::memory_order_relaxed);
    }

    // No deadline: while a request is handled (an await may last minutes).
    void expires_never() { deadline.store(0, std::memory_order_relaxed); }

    bool expired(clock::time_point now) const {
        const auto at = deadline.load(std::memory_order_relaxed);
        return at != 0 && at <= now.time_since_epoch().count();
    }

    boost::beast::tcp_stream stream;
    bool busy = false;     // a request is being handled or answered
    bool stopping = false; // the server is stopping: answer what is in flight, then close
    std::atomic<clock::rep> deadline{0}; // in clock ticks since its epoch; 0: none
};

// The live connections, so a graceful stop can close the idle ones and wait for the rest.
class connection_registry {
public:
    void add(const std::shared_ptr<connection>& conn);

    void remove(const connection* conn);

    std::size_t size() const;

    // Marks every connection as stopping and cancels the reads of idle ones.
    void stop_all();

    // Closes, on its strand, every connection whose deadline has passed by `now`: its read or
    // write in progress ends with operation_aborted.
    void sweep(connection::clock::time_point now);

private:
    mutable std::mutex mutex_;
    std::unordered_map<const connection*, std::weak_ptr<connection>> live_;
};

} // namespace emu::net
