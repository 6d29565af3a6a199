#pragma once

#include <cstdint>
#include <string>

namespace emu::app {

// How a process-based fixture learns that edenmock is listening: the port in a file
// (--port-file), the ready line on an inherited file descriptor (--ready-fd). Both throw
// std::runtime_error with a message fit for the user.

// Writes "PORT\n" to `path`, aside first and then renamed, so a watcher never reads a
// half-written file.
void write_port_file(const std::string& path, std::uint16_t port);

// Writes `line` and a newline to descriptor `fd`, then closes it, so a reader sees the line
// followed by end of file.
void signal_ready_fd(int fd, const std::string& line);

} // namespace emu::app
