#include "server/app/emulator.hpp"
#include "server/app/log.hpp"
#include "server/app/options.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>

int main(int argc, char* argv[]) {
    using namespace emu;
    std::optional<app::options> opts;
    try {
        opts = app::parse_options(argc, argv, std::cout);
    } catch (const app::usage_error& error) {
        std::cerr << "edenmock: " << error.what() << "\nTry 'edenmock --help'.\n";
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
            // Written aside and renamed, so a watcher never reads a half-written file.
            const std::string partial = opts->port_file + ".partial";
            std::ofstream file{partial, std::ios::trunc};
            file << emulator.port() << '\n';
            file.close();
            if (!file || std::rename(partial.c_str(), opts->port_file.c_str()) != 0) {
                std::cerr << "edenmock: cannot write --port-file " << opts->port_file << '\n';
                return 1;
            }
        }
        log::info("seed " + std::to_string(emulator.seed()) + ", clock " +
                  std::string{app::to_string(opts->clock)});
        std::cout << "edenmock listening on " << emulator.url() << std::endl;
        emulator.run();
    } catch (const std::exception& error) {
        std::cerr << "edenmock: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
