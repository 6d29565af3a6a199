#pragma once

#include "server/app/options.hpp"

#include <edenmock/server.hpp>

namespace emu::embed {

// The embedded server's options as edenmock's command line, read by the executable's parser:
// every flag means the same in-process. Throws std::invalid_argument with the parser's message.
app::options parse_server_options(const edenmock::server_options& given);

} // namespace emu::embed
