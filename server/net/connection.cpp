#include "server/net/connection.hpp"

#include <boost/asio/post.hpp>

namespace emu::net {

void connection_registry::add(const std::shared_ptr<connection>& conn) {
    std::lock_guard lock{mutex_};
    live_.emplace(conn.get(), conn);
}

void connection_registry::remove(const connection* conn) {
    std::lock_guard lock{mutex_};
    live_.erase(conn);
}

std::size_t connection_registry::size() const {
    std::lock_guard lock{mutex_};
    return live_.size();
}

void connection_registry::stop_all() {
    std::lock_guard lock{mutex_};
    for (const auto& [key, weak] : live_) {
        auto conn = weak.lock();
        if (!conn) {
            continue;
        }
        // Hop onto the connection's strand: its stream is not thread-safe.
        boost::asio::post(conn->stream.get_executor(), [conn] {
            conn->stopping = true;
            if (!conn->busy) {
                boost::system::error_code ignored;
                conn->stream.socket().cancel(ignored);
            }
        });
    }
}

void connection_registry::sweep(connection::clock::time_point now) {
    std::lock_guard lock{mutex_};
    for (const auto& [key, weak] : live_) {
        auto conn = weak.lock();
        if (!conn || !conn->expired(now)) {
            continue;
        }
        boost::asio::post(conn->stream.get_executor(), [conn] {
            // Unless a new deadline was set since (the operation ended in time).
            if (conn->expired(connection::clock::now())) {
                boost::system::error_code ignored;
                conn->stream.socket().close(ignored);
            }
        });
    }
}

} // namespace emu::net
