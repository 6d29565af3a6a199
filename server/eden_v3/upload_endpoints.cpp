#include "server/eden_v3/upload_endpoints.hpp"

#include "fake_providers/media_probe.hpp"
#include "server/eden_v3/paging.hpp"
#include "server/jobs/job_id.hpp"
#include "server/net/media_type.hpp"
#include "server/net/multipart.hpp"
#include "server/net/v3_errors.hpp"
#include "server/support/text.hpp"
#include "server/uploads/mime_sniff.hpp"
#include "server/wire/v3_records.hpp"

#include <boost/json/parse.hpp>

#include <charconv>

namespace emu::eden_v3 {

namespace json = boost::json;
namespace http = net::http;
using net::v3::request_errors;

namespace {

constexpr std::int64_t default_expiry_days = 30; // Eden's default and maximum
constexpr std::size_t max_purpose_length = 50;
constexpr std::size_t max_deleted_ids = 100;

json::array body_loc(std::string_view key) {
    return json::array{"body", key};
}

// The parts of a multipart body; FastAPI's 422 for a body that is not one.
std::vector<net::multipart_part> form_parts(const net::request& req) {
    net::header_value type;
    std::string error;
    if (parse_header_value(req[http::field::content_type], type) &&
        type.token == "multipart/form-data") {
        const auto* boundary = type.param("boundary");
        if (auto parts = net::parse_multipart(req.body(), boundary ? *boundary : "", error)) {
            return std::move(*parts);
        }
    }
    request_errors errors;
    errors.add(body_loc("file"), "missing", "Field required", nullptr);
    throw errors.to_error();
}

const net::multipart_part* part_named(const std::vector<net::multipart_part>& parts,
                                      std::string_view name) {
    for (const auto& part : parts) {
        if (part.name == name) {
            return &part;
        }
    }
    return nullptr;
}

std::int64_t expiry_days(const net::multipart_part* part, request_errors& errors) {
    if (part == nullptr) {
        return default_expiry_days;
    }
    const auto text = support::trim(part->data);
    std::int64_t days = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
    if (ec != std::errc{} || ptr != text.data() + text.size()) {
        errors.add(body_loc("expires_in_days"),
                   "int_parsing",
                   "Input should be a valid integer, unable to parse string as an integer",
                   json::string{part->data});
    } else if (days < 1) {
        errors.add(body_loc("expires_in_days"),
                   "greater_than_equal",
                   "Input should be greater than or equal to 1",
                   json::string{part->data});
    } else if (days > default_expiry_days) {
        errors.add(body_loc("expires_in_days"),
                   "less_than_equal",
                   "Input should be less than or equal to 30",
                   json::string{part->data});
    }
    return days;
}

json::object deleted(std::size_t count) {
    return {{"deleted_count", count}};
}

} // namespace

upload_endpoints::upload_endpoints(uploads::upload_store& store)
    : store_(store) {}

net::answer upload_endpoints::upload(const net::route_call& call) const {
    const auto parts = form_parts(call.req);
    request_errors errors;
    const auto* file = part_named(parts, "file");
    if (file == nullptr || !file->filename) {
        errors.add(body_loc("file"),
                   file == nullptr ? "missing" : "value_error",
                   file == nullptr ? "Field required"
                                   : "Value error, Expected UploadFile, received: <class 'str'>",
                   nullptr);
    }
    const auto days = expiry_days(part_named(parts, "expires_in_days"), errors);
    std::string purpose = "general";
    if (const auto* given = part_named(parts, "purpose")) {
        purpose = std::string{given->data};
        const auto length = support::utf8_length(purpose);
        if (length < 1 || length > max_purpose_length) {
            errors.add(body_loc("purpose"),
                       length < 1 ? "string_too_short" : "string_too_long",
                       length < 1 ? "String should have at least 1 character"
                                  : "String should have at most 50 characters",
                       json::string{purpose});
        }
    }
    if (!errors.empty()) {
        throw errors.to_error();
    }
    auto probed = fake::probe_file(*file->filename, file->content_type, file->data);
    auto mimetype = uploads::sniff_mimetype(file->data, file->content_type);
    const auto kept = store_.add(call.tenant,
                                 std::move(probed),
                                 std::move(mimetype),
                                 std::move(purpose),
                                 std::chrono::days{days});
    return net::json_response(http::status::ok, wire::render_upload(kept), call.req.version());
}

net::answer upload_endpoints::list(const net::route_call& call) const {
    request_errors errors;
    net::field_errors unused; // text() reports nothing
    const net::query_flags query{net::target_query(call.req.target()), unused};
    const auto paging = read_paging(query, errors);
    const auto purpose = query.text("purpose");
    if (purpose && support::utf8_length(*purpose) > max_purpose_length) {
        errors.add(json::array{"query", "purpose"},
                   "string_too_long",
                   "String should have at most 50 characters",
                   json::string{*purpose});
    }
    if (!errors.empty()) {
        throw errors.to_error();
    }
    json::array items;
    for (const auto& file : store_.list(call.tenant, purpose)) {
        items.push_back(wire::render_upload(file));
    }
    return net::json_response(
        http::status::ok, page_of(std::move(items), paging), call.req.version());
}

net::answer upload_endpoints::remove_all(const net::route_call& call) const {
    return net::json_response(
        http::status::ok, deleted(store_.remove_all(call.tenant)), call.req.version());
}

net::answer upload_endpoints::remove(const net::route_call& call) const {
    request_errors errors;
    boost::system::error_code ec;
    const auto document = json::parse(call.req.body(), ec);
    if (ec) {
        errors.add(json::array{"body", 0}, "json_invalid", "JSON decode error", json::object{});
        throw errors.to_error();
    }
    const auto* ids =
        document.is_object() ? document.get_object().if_contains("file_ids") : nullptr;
    std::vector<std::string> wanted;
    if (!document.is_object()) {
        errors.add(json::array{"body"},
                   "model_attributes_type",
                   "Input should be a valid dictionary or object to extract fields from",
                   document);
    } else if (ids == nullptr) {
        errors.add(body_loc("file_ids"), "missing", "Field required", document);
    } else if (!ids->is_array()) {
        errors.add(body_loc("file_ids"), "list_type", "Input should be a valid list", *ids);
    } else if (ids->get_array().empty() || ids->get_array().size() > max_deleted_ids) {
        const auto size = ids->get_array().size();
        errors.add(body_loc("file_ids"),
                   size == 0 ? "too_short" : "too_long",
                   size == 0 ? "List should have at least 1 item after validation, not 0"
                             : "List should have at most 100 items after validation, not " +
                                   std::to_string(size),
                   *ids);
    } else {
        const auto& list = ids->get_array();
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (!list[i].is_string() || !jobs::job_id::parse(list[i].get_string())) {
                errors.add(json::array{"body", "file_ids", i},
                           "uuid_parsing",
                           "Input should be a valid UUID, invalid length or character",
                           list[i]);
            } else {
                wanted.emplace_back(list[i].get_string());
            }
        }
    }
    if (!errors.empty()) {
        throw errors.to_error();
    }
    return net::json_response(
        http::status::ok, deleted(store_.remove(call.tenant, wanted)), call.req.version());
}

} // namespace emu::eden_v3
