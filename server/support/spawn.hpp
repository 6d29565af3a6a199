#pragma once

#include "server/support/log.hpp"

#include <exception>
#include <string>

namespace emu::support {

// Completion handler for co_spawn that logs an escaped exception instead of dropping it, as
// asio::detached would.
struct log_failure {
    const char* what;

    void operator()(std::exception_ptr failure) const {
        if (!failure) {
            return;
        }
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& error) {
            log::error(std::string{what} + " failed: " + error.what());
        } catch (...) {
            log::error(std::string{what} + " failed with an unknown exception");
        }
    }
};

} // namespace emu::support
