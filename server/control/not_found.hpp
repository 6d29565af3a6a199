#pragma once

#include "server/net/api_error.hpp"

#include <string>
#include <string_view>

namespace emu::control {

// The control API's 404: {"error": {"type": "not_found", "message": message}}, with the same
// text as its near-miss hint (control bodies are edenmock's own, so they may say it too).
net::api_error not_found(const std::string& message);

// The 404 of a job id no tenant has: never launched, deleted, expired or reset.
net::api_error unknown_job(std::string_view id);

} // namespace emu::control
