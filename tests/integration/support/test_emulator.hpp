#pragma once

#include "server/app/emulator.hpp"
#include "server/app/options.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <thread>

namespace emu::testing {

// An edenmock in this process on 127.0.0.1:0 with a manual clock and a fixed seed, its I/O on
// a background thread. Tests talk to it over HTTP only.
class test_emulator {
public:
    explicit test_emulator(app::options opts = default_options());

    ~test_emulator();

    test_emulator(const test_emulator&) = delete;
    test_emulator& operator=(const test_emulator&) = delete;

    static app::options default_options();

    std::uint16_t port() const { return emulator_->port(); }

    // Waits until no webhook attempt is in flight (each was answered, failed or cancelled);
    // false when the timeout passes first. Nothing scheduled for later counts.
    bool wait_webhooks_settled(std::chrono::milliseconds timeout = std::chrono::seconds{10}) {
        return emulator_->webhooks().wait_until_settled(timeout);
    }

    // Stops the emulator and waits until it has wound down.
    void stop();

private:
    std::unique_ptr<app::emulator> emulator_;
    std::thread thread_;
};

} // namespace emu::testing
