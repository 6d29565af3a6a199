#include "server/net/api_error.hpp"

#include "server/net/hints.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <cmath>

namespace emu::net {

namespace json = boost::json;

void field_errors::add(std::string field, std::string message) {
    for (auto& entry : fields_) {
        if (entry.first == field) {
            entry.second.push_back(std::move(message));
            return;
        }
    }
    fields_.emplace_back(std::move(field), std::vector<std::string>{std::move(message)});
}

json::value field_errors::to_json() const {
    json::object result;
    for (const auto& [field, messages] : fields_) {
        json::array list;
        for (const auto& message : messages) {
            list.emplace_back(message);
        }
        result[field] = std::move(list);
    }
    return result;
}

void field_errors::add_hint(std::string hint) {
    hints_.push_back(std::move(hint));
}

api_error::api_error(unsigned status,
                     json::value body,
                     std::vector<std::pair<std::string, std::string>> headers)
    : std::runtime_error("HTTP " + std::to_string(status))
    , status_(status)
    , body_(std::move(body))
    , headers_(std::move(headers)) {}

api_error& api_error::with_hint(std::string_view hint) {
    constexpr std::size_t longest = 2000;
    if (hint.empty()) {
        return *this;
    }
    auto entry = std::find_if(headers_.begin(), headers_.end(), [](const auto& header) {
        return header.first == hint_header;
    });
    if (entry == headers_.end()) {
        entry = headers_.insert(headers_.end(), {std::string{hint_header}, {}});
    } else {
        entry->second += "; ";
    }
    for (const char c : hint) {
        if (entry->second.size() == longest) {
            break;
        }
        const auto byte = static_cast<unsigned char>(c);
        entry->second += byte < 0x20 || byte >= 0x7f ? '?' : c;
    }
    return *this;
}

std::string_view api_error::hint() const {
    for (const auto& [name, value] : headers_) {
        if (name == hint_header) {
            return value;
        }
    }
    return {};
}

json::value api_error::error_body(std::string_view type, std::string_view message) {
    return json::object{{"error", json::object{{"type", type}, {"message", message}}}};
}

api_error api_error::not_found() {
    return {404, json::object{{"details", "Not Found"}}};
}

api_error api_error::invalid(const field_errors& errors) {
    api_error error{
        400,
        json::object{
            {"error", json::object{{"type", "Invalid request"}, {"message", errors.to_json()}}}}};
    for (const auto& hint : errors.hints()) {
        error.with_hint(hint);
    }
    return error;
}

api_error api_error::malformed_body(std::string message) {
    field_errors errors;
    errors.add("body", std::move(message));
    return invalid(errors);
}

api_error api_error::unauthenticated(unsigned status, std::string message) {
    if (status == 401) {
        return {status, error_body("authentication_error", message), {bearer_challenge()}};
    }
    return {status, error_body("authentication_error", message)};
}

std::pair<std::string, std::string> api_error::bearer_challenge() {
    return {"WWW-Authenticate", "Bearer"};
}

api_error api_error::method_not_allowed(std::string_view method, std::string allow) {
    return {405,
            error_body("method_not_allowed", "Method \"" + std::string{method} + "\" not allowed."),
            {{"Allow", std::move(allow)}}};
}

api_error api_error::conflict(std::string message) {
    return {409, error_body("conflict", message)};
}

api_error api_error::too_large(std::uint64_t limit) {
    return {413,
            error_body("request_too_large",
                       "Request body is larger than the limit of " + std::to_string(limit) +
                           " bytes (--max-body-bytes).")};
}

api_error api_error::unsupported_media_type(std::string_view content_type) {
    const std::string shown =
        content_type.empty() ? "none" : "\"" + std::string{content_type} + "\"";
    return {415,
            error_body("unsupported_media_type",
                       "Unsupported media type " + shown +
                           " in request. Use application/json, multipart/form-data or "
                           "application/x-www-form-urlencoded.")};
}

api_error api_error::rate_limited(double retry_after_seconds) {
    return {429, rate_limit_body(), {{"Retry-After", retry_after_header(retry_after_seconds)}}};
}

json::value api_error::rate_limit_body() {
    return json::object{
        {"error",
         json::object{
             {"code", 429},
             {"message", "Rate limit exceeded. Please wait before making additional requests."}}}};
}

std::string retry_after_header(double seconds) {
    const auto whole = static_cast<long long>(std::ceil(seconds));
    return std::to_string(whole < 1 ? 1 : whole);
}

api_error api_error::internal(std::string message) {
    return {500, error_body("Internal Server Error", message)};
}

} // namespace emu::net
