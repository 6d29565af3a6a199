#pragma once

#include "server/net/api_error.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Eden's v3 error bodies: FastAPI's {"detail": ...}, in the shapes captured from the live API
// (README "v3: Eden's contradictions, and edenmock's choices").
namespace emu::net::v3 {

// {"detail": detail} with `status`.
api_error detail_value(unsigned status,
                       boost::json::value detail,
                       std::vector<std::pair<std::string, std::string>> headers = {});

// {"detail": "message"} with `status`.
api_error detail(unsigned status,
                 std::string message,
                 std::vector<std::pair<std::string, std::string>> headers = {});

// 404 {"detail": "Not Found"}: an unknown route (FastAPI's answer).
api_error route_not_found();

// 405 {"detail": "Method Not Allowed"} with Allow.
api_error method_not_allowed(std::string allow);

// 403 {"detail": "Not authenticated"}: no Authorization header (FastAPI's HTTPBearer).
api_error not_authenticated();

// 403 {"detail": "Invalid authentication credentials"}: a header that is not "Bearer <key>".
api_error invalid_credentials();

// 401 {"detail": "Invalid token"}: a key the emulator does not accept.
api_error invalid_token();

// {"detail": {"error": error, "message": message}} with `status` (bad model strings, unknown
// providers), plus `extra` members ("received").
api_error described(unsigned status,
                    std::string_view error,
                    std::string message,
                    std::vector<std::pair<std::string, std::string>> extra = {});

// 500 {"detail": "Internal Server Error: ..."}.
api_error internal(std::string_view message);

// 413 for a body over the configured limit.
api_error too_large(std::uint64_t limit);

// 429 {"detail": "Rate limit exceeded", "error_code": "RATE_LIMITED", "retry_after": s} with
// Retry-After (Eden's llms.txt; the only 429 body Eden wrote down).
api_error rate_limited(double retry_after_seconds);

// That body alone.
boost::json::value rate_limit_body(double retry_after_seconds);

// FastAPI's request validation errors: 422 {"detail": [{"type", "loc", "msg", "input"}]}, for
// the body's own keys and the path and query parameters.
class request_errors {
public:
    // `loc` as FastAPI writes it: ["body", "fallbacks"], ["query", "limit"], ["path", "job_id"].
    void add(boost::json::array loc,
             std::string_view type,
             std::string message,
             boost::json::value input);

    bool empty() const { return items_.empty(); }

    api_error to_error() const;

private:
    boost::json::array items_;
};

// The live API's errors for the feature's input fields: 422 {"detail": "Validation error",
// "errors": [{"field", "message"}]}.
class input_errors {
public:
    void add(std::string field, std::string message);

    bool empty() const { return items_.empty(); }

    api_error to_error() const;

private:
    boost::json::array items_;
};

} // namespace emu::net::v3
