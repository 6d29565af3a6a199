#include "server/app/emulator.hpp"
#include "server/app/options.hpp"
#include "server/app/readiness.hpp"
#include "server/support/log.hpp"

#include <iostream>

int main(int argc, char* argv[]) {
    using namespace emu;
    std::optional<app::options> opts;
    try {
        opts = app::parse_options(argc, argv, std::cout);
    } catch (const app::usage_error& error) {
        std::cerr << "edenmock: " << error.what() << '\n'; // one line, with its hint

        return 2;
    }
    if (!opts) {
        return 0;
    }
    log::set_level(opts->log_level);
    log::set_format(opts->log_format);
    try {
        app::emulator emulator{*opts};
        emulator.stop_on_signals();
        if (!opts->port_file.empty()) {
            app::write_port_file(opts->port_file, emulator.port());
        }
        log::info("seed " + std::to_string(emulator.seed()) + ", clock " +
                  std::string{app::to_string(opts->clock)});
        const std::string ready_line = "edenmock listening on " + emulator.url();
        if (opts->ready_fd) {
            app::signal_ready_fd(*opts->ready_fd, ready_line);
        }
        std::cout << ready_line << std::endl;
        emulator.run();
    } catch (const std::exception& error) {
        std::cerr << "edenmock: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
