#include "server/net/http_types.hpp"

#include "server/wire/json_writer.hpp"

namespace emu::net {

response json_response(http::status status, const boost::json::value& body, unsigned version) {
    std::string text;
    json_text::append_compact(text, body);
    return json_text_response(status, std::move(text), version);
}

response json_text_response(http::status status, std::string body, unsigned version) {
    response res{status, version};
    res.set(http::field::content_type, "application/json");
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

response empty_response(http::status status, unsigned version) {
    response res{status, version};
    res.prepare_payload();
    return res;
}

std::string_view target_path(std::string_view target) {
    return target.substr(0, target.find_first_of("?#"));
}

std::string request_origin(const request& req) {
    const std::string_view host = req[http::field::host];
    return "http://" + std::string{host.empty() ? std::string_view{"localhost"} : host};
}

std::string_view target_query(std::string_view target) {
    const auto question = target.find('?');
    if (question == std::string_view::npos) {
        return {};
    }
    const auto query = target.substr(question + 1);
    return query.substr(0, query.find('#'));
}

} // namespace emu::net
