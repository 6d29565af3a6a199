#pragma once

#include "server/app/options.hpp"

#include <chrono>
#include <cstdint>
#include <edenmock/server.hpp>

namespace emu::testing {

// An edenmock in this process on 127.0.0.1:0 with a manual clock and a fixed seed (the embedded
// edenmock::server, built from the internal options). Tests talk to it over HTTP only.
class test_emulator {
public:
    explicit test_emulator(const app::options& opts = default_options())
        : server_(opts) {}

    static app::options default_options();

    std::uint16_t port() const { return server_.port(); }

    // Waits until no webhook attempt is in flight (each was answered, failed or cancelled);
    // false when the timeout passes first. Nothing scheduled for later counts.
    bool wait_webhooks_settled(std::chrono::milliseconds timeout = std::chrono::seconds{10}) {
        return server_.await_webhooks_settled(timeout);
    }

    // Stops the emulator and waits until it has wound down.
    void stop() { server_.stop(); }

private:
    edenmock::server server_;
};

} // namespace emu::testing
