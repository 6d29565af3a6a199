#include "server/webhooks/outbound_post.hpp"

#include <boost/beast/core/string.hpp>

#include <algorithm>
#include <string_view>

namespace emu::webhooks {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;

// RFC 9110 section 5.6.2: token = 1*tchar.
bool is_token(std::string_view name) {
    constexpr std::string_view punctuation = "!#$%&'*+-.^_`|~";
    return !name.empty() && std::all_of(name.begin(), name.end(), [&](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               punctuation.find(c) != std::string_view::npos;
    });
}

bool is_field_value(std::string_view value) {
    return value.find_first_of(std::string_view{"\r\n\0", 3}) == std::string_view::npos;
}

bool carries(const outbound_request& request, std::string_view name) {
    return std::any_of(request.headers.begin(), request.headers.end(), [&](const auto& header) {
        return beast::iequals(header.first, name);
    });
}

} // namespace

built_post build_post(const outbound_request& request,
                      const outbound_target& target,
                      const std::string& user_agent) {
    built_post post;
    for (const auto& [name, value] : request.headers) {
        if (!is_token(name) || !is_field_value(value)) {
            post.error = "bad header: \"" + name + "\"";
            return post;
        }
    }
    auto& message = post.message;
    message.method(http::verb::post);
    message.target(target.target);
    message.version(11);
    if (!carries(request, "Host")) {
        message.set(http::field::host, target.host_header);
    }
    for (const auto& [name, value] : request.headers) {
        message.insert(name, value);
    }
    if (!user_agent.empty() && !carries(request, "User-Agent")) {
        message.set(http::field::user_agent, user_agent);
    }
    message.body() = request.body;
    message.prepare_payload();
    return post;
}

} // namespace emu::webhooks
