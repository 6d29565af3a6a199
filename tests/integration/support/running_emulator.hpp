#pragma once

#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace emu::testing {

// The fixture of most suites: a fresh emulator (manual clock, seed 42) and a client on it.
struct running_emulator {
    running_emulator() = default;

    // The same on other options (a state file, a flag).
    explicit running_emulator(const app::options& opts)
        : emulator(opts) {}

    test_emulator emulator;
    http_client client{emulator.port()};

    // Moves the manual clock over HTTP; the test stops if that is refused.
    void advance(double seconds);

    // Adds or replaces a runtime scenario; the test stops if that is refused.
    void put_scenario(std::string_view name, std::string_view body);

    // Puts `scenario` as a runtime scenario every launch matches ("under-test"), launches
    // speech-to-text with amazon and google, and returns the public_id.
    std::string launch_with(std::string_view scenario);

    // GETs the speech-to-text job; the test stops unless that answers 200.
    boost::json::value get_job(const std::string& id);
};

} // namespace emu::testing
