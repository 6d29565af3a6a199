#pragma once

#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/test_emulator.hpp"

#include <string_view>

namespace emu::testing {

// The fixture of most suites: a fresh emulator (manual clock, seed 42) and a client on it.
struct running_emulator {
    test_emulator emulator;
    http_client client{emulator.port()};

    // Moves the manual clock over HTTP; the test stops if that is refused.
    void advance(double seconds);

    // Adds or replaces a runtime scenario; the test stops if that is refused.
    void put_scenario(std::string_view name, std::string_view body);
};

} // namespace emu::testing
