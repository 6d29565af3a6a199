#include "server/eden_v2/launch_form.hpp"

#include "server/net/api_error.hpp"
#include "server/net/media_type.hpp"
#include "server/net/multipart.hpp"
#include "server/support/text.hpp"

#include <boost/json/parse.hpp>
#include <boost/url/parse_query.hpp>

namespace emu::eden_v2 {

using net::api_error;
using net::field_errors;
using net::header_value;
using net::parse_header_value;
using net::parse_multipart;

namespace {

namespace json = boost::json;

// Adds a form field; a name seen before turns into an array of all its values.
void add_form_field(json::object& fields, std::string_view name, std::string value) {
    auto* existing = fields.if_contains(name);
    if (existing == nullptr) {
        fields[name] = json::string{value};
    } else if (existing->is_array()) {
        existing->get_array().emplace_back(json::string{value});
    } else {
        json::array values;
        values.push_back(std::move(*existing));
        values.emplace_back(json::string{value});
        *existing = std::move(values);
    }
}

launch_form parse_json(std::string_view body) {
    boost::system::error_code ec;
    auto document = json::parse(body, ec);
    if (ec) {
        throw api_error::malformed_body("JSON parse error: " + ec.message() + ".");
    }
    if (!document.is_object()) {
        throw api_error::malformed_body("Expected a JSON object.");
    }
    launch_form form;
    form.json_body = true;
    form.fields = std::move(document.get_object());
    return form;
}

launch_form parse_multipart_form(const header_value& type, std::string_view body) {
    const auto* boundary = type.param("boundary");
    std::string error;
    auto parts = parse_multipart(body, boundary == nullptr ? "" : *boundary, error);
    if (!parts) {
        throw api_error::malformed_body("Multipart form parse error: " + error + ".");
    }
    launch_form form;
    for (auto& part : *parts) {
        if (part.filename || part.name == "file") {
            if (part.name == "file") {
                form.file = uploaded_file{part.filename.value_or(""), part.content_type, part.data};
            }
            continue; // other file parts are unknown fields, ignored
        }
        add_form_field(form.fields, part.name, std::string{part.data});
    }
    return form;
}

launch_form parse_urlencoded(std::string_view body) {
    // Parsed from an owned, NUL-terminated copy: Boost.URL 1.81's parse_query measures its input
    // with strlen (boostorg/url#757).
    const std::string text{body};
    const auto query = boost::urls::parse_query(text);
    if (!query) {
        throw api_error::malformed_body("Form parse error: the urlencoded body is malformed.");
    }
    boost::urls::encoding_opts options;
    options.space_as_plus = true;
    launch_form form;
    for (const auto& param : *query) {
        if (param.key.empty() && !param.has_value) {
            continue; // "a=1&&b=2"
        }
        add_form_field(form.fields,
                       param.key.decode(options),
                       param.has_value ? param.value.decode(options) : std::string{});
    }
    return form;
}

} // namespace

launch_form parse_launch_body(std::string_view content_type, std::string_view body) {
    header_value type;
    if (!parse_header_value(content_type, type)) {
        throw api_error::unsupported_media_type(content_type);
    }
    if (type.token == "application/json" ||
        (type.token.starts_with("application/") && type.token.ends_with("+json"))) {
        return parse_json(body);
    }
    if (type.token == "multipart/form-data") {
        return parse_multipart_form(type, body);
    }
    if (type.token == "application/x-www-form-urlencoded") {
        return parse_urlencoded(body);
    }
    throw api_error::unsupported_media_type(type.token);
}

std::string body_type_hint(std::string_view content_type, std::string_view body) {
    const auto text = support::trim(body);
    const bool looks_json = text.starts_with('{') || text.starts_with('[');
    if (content_type.empty()) {
        return looks_json ? "the body has no Content-Type; add \"Content-Type: application/json\""
                          : "the body has no Content-Type; send application/json, "
                            "multipart/form-data or application/x-www-form-urlencoded";
    }
    header_value type;
    if (!looks_json || !parse_header_value(content_type, type) ||
        type.token == "application/json" || type.token.ends_with("+json")) {
        return {};
    }
    return "the body reads as JSON but was sent as " + type.token +
           " (curl -d sends that); add \"Content-Type: application/json\"";
}

} // namespace emu::eden_v2
