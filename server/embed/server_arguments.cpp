#include "server/embed/server_arguments.hpp"

#include "server/support/iso_time.hpp"

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace emu::embed {

app::options parse_server_options(const edenmock::server_options& given) {
    const auto start = std::chrono::floor<scheduling::duration>(given.clock_start);
    // "--flag=value" throughout, so that a value starting with '-' is not taken for a flag.
    std::vector<std::string> args{
        "edenmock",
        "--host=" + given.host,
        "--port=" + std::to_string(given.port),
        "--clock=" + given.clock,
        "--clock-start=" + support::format_utc(scheduling::instant{start.time_since_epoch()}),
        "--threads=" + std::to_string(given.threads),
        "--log-level=" + given.log_level,
    };
    if (given.seed) {
        args.push_back("--seed=" + std::to_string(*given.seed));
    }
    if (!given.scenarios.empty()) {
        args.push_back("--scenarios=" + given.scenarios.string());
    }
    for (const auto& key : given.api_keys) {
        args.push_back("--api-key=" + key);
    }
    args.insert(args.end(), given.arguments.begin(), given.arguments.end());
    std::vector<const char*> argv;
    for (const auto& arg : args) {
        argv.push_back(arg.c_str());
    }
    std::ostringstream help;
    std::optional<app::options> parsed;
    try {
        parsed = app::parse_options(static_cast<int>(argv.size()), argv.data(), help);
    } catch (const app::usage_error& error) {
        throw std::invalid_argument(error.what());
    }
    if (!parsed) {
        throw std::invalid_argument("--help starts no server; the flags are:\n" + help.str());
    }
    return *parsed;
}

} // namespace emu::embed
