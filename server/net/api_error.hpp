#pragma once

#include <boost/json/value.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::net {

// Per-field validation messages in the order found: Eden's 400 "message" object.
class field_errors {
public:
    void add(std::string field, std::string message);

    bool empty() const { return fields_.empty(); }

    boost::json::value to_json() const;

    // A near-miss hint for the X-Edenmock-Hint header of the error these errors make
    // ("did you mean assembly?"); never part of Eden's body.
    void add_hint(std::string hint);

    const std::vector<std::string>& hints() const { return hints_; }

private:
    std::vector<std::pair<std::string, std::vector<std::string>>> fields_;
    std::vector<std::string> hints_;
};

// An HTTP error answer in Eden's error format; handlers throw it and the router writes it.
// A Retry-After value for a wait: whole seconds, rounded up, at least 1.
std::string retry_after_header(double seconds);

class api_error : public std::runtime_error {
public:
    api_error(unsigned status,
              boost::json::value body,
              std::vector<std::pair<std::string, std::string>> headers = {});

    unsigned status() const { return status_; }

    const boost::json::value& body() const { return body_; }

    const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }

    // Adds a near-miss hint (net/hints.hpp) to the answer's X-Edenmock-Hint header, after any
    // hint it has; control characters and non-ASCII bytes become '?', and the header stays
    // under 2,000 characters.
    api_error& with_hint(std::string_view hint);

    // The hint it carries; empty when none.
    std::string_view hint() const;

    // 404 {"details": "Not Found"} for unknown routes and jobs.
    static api_error not_found();

    // 400 {"error": {"type": "Invalid request", "message": {field: [messages]}}}.
    static api_error invalid(const field_errors& errors);

    // 400 for a body that cannot be parsed at all, reported under the "body" field.
    static api_error malformed_body(std::string message);

    // 401 or 403 {"error": {"type": "authentication_error", "message": ...}}; a 401 carries
    // bearer_challenge().
    static api_error unauthenticated(unsigned status, std::string message);

    // "WWW-Authenticate: Bearer": the challenge every 401 carries (RFC 7235, RFC 6750).
    static std::pair<std::string, std::string> bearer_challenge();

    // 405 with an Allow header listing the methods the route has.
    static api_error method_not_allowed(std::string_view method, std::string allow);

    // 409 for control operations the emulator's mode does not allow.
    static api_error conflict(std::string message);

    // 413 for a body over the configured limit.
    static api_error too_large(std::uint64_t limit);

    // 415 for a body that is neither JSON, multipart nor urlencoded.
    static api_error unsupported_media_type(std::string_view content_type);

    // 429 {"error": {"code": 429, "message": ...}} with Retry-After (whole seconds, at least 1).
    static api_error rate_limited(double retry_after_seconds);

    // 500 for a bug that reached the router.
    static api_error internal(std::string message);

    // Eden's v2 rate-limit body (API-NOTES Part 1).
    static boost::json::value rate_limit_body();

    // {"error": {"type": type, "message": message}}: Eden's generic error body.
    static boost::json::value error_body(std::string_view type, std::string_view message);

private:
    unsigned status_;
    boost::json::value body_;
    std::vector<std::pair<std::string, std::string>> headers_;
};

} // namespace emu::net
