#include "server/api/request_recorder.hpp"

#include "server/api/media_type.hpp"
#include "server/api/multipart.hpp"
#include "server/observability/api_route.hpp"

#include <boost/beast/core/string.hpp>

#include <algorithm>
#include <array>

namespace emu::api {
namespace {

constexpr std::size_t excerpt_bytes = 1024;

// Request headers the journal never keeps.
constexpr std::array<http::field, 3> secret_headers{
    http::field::authorization, http::field::cookie, http::field::proxy_authorization};

std::string multipart_excerpt(const request& req) {
    header_value content_type;
    if (!parse_header_value(req[http::field::content_type], content_type) ||
        content_type.token != "multipart/form-data" || content_type.param("boundary") == nullptr) {
        return {};
    }
    std::string error;
    const auto parts = parse_multipart(req.body(), *content_type.param("boundary"), error);
    std::string text = "<multipart " + std::to_string(req.body().size()) + " bytes";
    if (!parts) {
        return text + ", unreadable: " + error + ">";
    }
    for (const auto& part : *parts) {
        text += "; " + part.name + "=";
        if (part.filename) {
            text += *part.filename + " (" + std::to_string(part.data.size()) + " bytes)";
        } else {
            text += part.data;
        }
    }
    return text + ">";
}

std::string body_excerpt(const request& req) {
    auto text = multipart_excerpt(req);
    if (text.empty()) {
        text = req.body().substr(0, excerpt_bytes);
    }
    if (text.size() > excerpt_bytes) {
        text.resize(excerpt_bytes);
    }
    return observability::valid_utf8(text);
}

// A string member near the start of a compact JSON answer: the launch's "public_id", or a job
// envelope's "status" ({"public_id":"…","status":"…",…}: the envelope's own status comes before
// any provider's, so the first match is it). Avoids parsing large result bodies on every poll.
std::string leading_member(std::string_view body, std::string_view name) {
    const std::string key = "\"" + std::string{name} + "\":\"";
    const auto at = body.substr(0, 256).find(key);
    if (at == std::string_view::npos) {
        return {};
    }
    const auto start = at + key.size();
    const auto end = body.find('"', start);
    return end == std::string_view::npos ? std::string{}
                                         : std::string{body.substr(start, end - start)};
}

std::string_view metrics_route(std::string_view path, const observability::api_route& route) {
    if (path.starts_with("/_emulator/")) {
        return "control";
    }
    return to_string(route.kind);
}

} // namespace

request_recorder::request_recorder(observability::request_journal& journal,
                                   observability::request_metrics& metrics,
                                   scheduling::tenant_clocks& clocks)
    : journal_(journal)
    , metrics_(metrics)
    , clocks_(clocks) {}

request_recorder::mark request_recorder::start() const {
    return {std::chrono::steady_clock::now(), clocks_.base().now()};
}

void request_recorder::finish(const mark& started,
                              const request& req,
                              const response& res,
                              std::string_view tenant) const {
    const auto elapsed = std::chrono::steady_clock::now() - started.started;
    const auto path = target_path(req.target());
    const auto route = observability::classify_api_path(req.method_string(), path);
    metrics_.observe(metrics_route(path, route),
                     res.result_int(),
                     std::chrono::duration<double>(elapsed).count());
    if (!path.starts_with("/v2/")) {
        return;
    }
    observability::request_record record;
    record.at = started.at + clocks_.offset(tenant);
    record.method = std::string{req.method_string()};
    record.path = std::string{path};
    record.query = std::string{target_query(req.target())};
    record.tenant = std::string{tenant};
    record.kind = route.kind;
    record.feature = std::string{route.feature};
    record.job_id = std::string{route.job_id};
    for (const auto& field : req) {
        const bool secret = std::find(secret_headers.begin(), secret_headers.end(), field.name()) !=
                            secret_headers.end();
        if (!secret) {
            record.headers.emplace_back(std::string{field.name_string()},
                                        observability::valid_utf8(field.value()));
        }
    }
    record.body_excerpt = body_excerpt(req);
    record.status = res.result_int();
    record.retry_after = std::string{res[http::field::retry_after]};
    if (res.result_int() == 200 && route.kind == observability::route_kind::launch) {
        record.job_id = leading_member(res.body(), "public_id");
    }
    if (res.result_int() == 200 && route.kind == observability::route_kind::get) {
        record.job_status = leading_member(res.body(), "status");
    }
    journal_.add(std::move(record));
}

} // namespace emu::api
