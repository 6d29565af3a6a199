#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <memory>
#include <mutex>
#include <unordered_map>

namespace emu::net {

// One client connection. Touched only on its own strand (the stream's executor).
struct connection {
    explicit connection(boost::asio::ip::tcp::socket socket)
        : stream(std::move(socket)) {}

    boost::beast::tcp_stream stream;
    bool busy = false;     // a request is being handled or answered
    bool stopping = false; // the server is stopping: answer what is in flight, then close
};

// The live connections, so a graceful stop can close the idle ones and wait for the rest.
class connection_registry {
public:
    void add(const std::shared_ptr<connection>& conn);

    void remove(const connection* conn);

    std::size_t size() const;

    // Marks every connection as stopping and cancels the reads of idle ones.
    void stop_all();

private:
    mutable std::mutex mutex_;
    std::unordered_map<const connection*, std::weak_ptr<connection>> live_;
};

} // namespace emu::net
