#pragma once

#include <chrono>

namespace emu::support {

// A point of emulator time: UTC, in microseconds, as Eden's timestamps are.
using instant = std::chrono::sys_time<std::chrono::microseconds>;

// A span of emulator time.
using duration = std::chrono::microseconds;

} // namespace emu::support
