#include "tests/integration/support/test_emulator.hpp"

namespace emu::testing {

app::options test_emulator::default_options() {
    app::options opts;
    opts.port = 0;
    opts.clock = app::clock_mode::manual;
    opts.clock_start = scheduling::instant{std::chrono::seconds{1767225600}}; // 2026-01-01
    opts.seed = 42;
    opts.threads = 2;
    opts.log_level = log::level::warn;
    return opts;
}

} // namespace emu::testing
