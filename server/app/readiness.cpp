#include "server/app/readiness.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace emu::app {

void write_port_file(const std::string& path, std::uint16_t port) {
    const std::string partial = path + ".partial";
    std::ofstream file{partial, std::ios::trunc};
    file << port << '\n';
    file.close();
    if (!file || std::rename(partial.c_str(), path.c_str()) != 0) {
        throw std::runtime_error("cannot write --port-file " + path);
    }
}

void signal_ready_fd(int fd, const std::string& line) {
    const std::string text = line + '\n';
    std::size_t written = 0;
    while (written < text.size()) {
        const auto n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const std::string reason = std::strerror(errno);
            throw std::runtime_error("cannot write to --ready-fd " + std::to_string(fd) + ": " +
                                     reason);
        }
        written += static_cast<std::size_t>(n);
    }
    ::close(fd);
}

} // namespace emu::app
