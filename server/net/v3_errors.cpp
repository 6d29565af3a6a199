#include "server/net/v3_errors.hpp"

#include <boost/json/object.hpp>

namespace emu::net::v3 {

namespace json = boost::json;

api_error detail_value(unsigned status,
                       json::value detail,
                       std::vector<std::pair<std::string, std::string>> headers) {
    return {status, json::object{{"detail", std::move(detail)}}, std::move(headers)};
}

api_error detail(unsigned status,
                 std::string message,
                 std::vector<std::pair<std::string, std::string>> headers) {
    return detail_value(status, json::string{message}, std::move(headers));
}

api_error route_not_found() {
    return detail(404, "Not Found");
}

api_error method_not_allowed(std::string allow) {
    return detail(405, "Method Not Allowed", {{"Allow", std::move(allow)}});
}

api_error not_authenticated() {
    return detail(403, "Not authenticated");
}

api_error invalid_credentials() {
    return detail(403, "Invalid authentication credentials");
}

api_error invalid_token() {
    return detail(401, "Invalid token", {api_error::bearer_challenge()});
}

api_error described(unsigned status,
                    std::string_view error,
                    std::string message,
                    std::vector<std::pair<std::string, std::string>> extra) {
    json::object body{{"error", error}, {"message", std::move(message)}};
    for (auto& [key, value] : extra) {
        body[key] = std::move(value);
    }
    return detail_value(status, std::move(body));
}

api_error internal(std::string_view message) {
    return detail(500, "Internal Server Error: " + std::string{message});
}

api_error too_large(std::uint64_t limit) {
    return detail(413,
                  "Request body is larger than the limit of " + std::to_string(limit) +
                      " bytes (--max-body-bytes).");
}

api_error rate_limited(double retry_after_seconds) {
    return {429,
            rate_limit_body(retry_after_seconds),
            {{"Retry-After", retry_after_header(retry_after_seconds)}}};
}

json::value rate_limit_body(double retry_after_seconds) {
    return json::object{{"detail", "Rate limit exceeded"},
                        {"error_code", "RATE_LIMITED"},
                        {"retry_after", retry_after_seconds}};
}

void request_errors::add(json::array loc,
                         std::string_view type,
                         std::string message,
                         json::value input) {
    items_.push_back(json::object{
        {"type", type}, {"loc", std::move(loc)}, {"msg", std::move(message)}, {"input", input}});
}

api_error request_errors::to_error() const {
    return detail_value(422, items_);
}

void input_errors::add(std::string field, std::string message) {
    items_.push_back(json::object{{"field", std::move(field)}, {"message", std::move(message)}});
}

api_error input_errors::to_error() const {
    return {422, json::object{{"detail", "Validation error"}, {"errors", items_}}};
}

} // namespace emu::net::v3
