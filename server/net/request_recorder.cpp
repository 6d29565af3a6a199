#include "server/net/request_recorder.hpp"

#include "server/net/media_type.hpp"
#include "server/net/multipart.hpp"
#include "server/support/text.hpp"

#include <algorithm>
#include <array>

namespace emu::net {
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
    return support::valid_utf8(text);
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
                              const answer& result,
                              routed how) const {
    const auto elapsed = std::chrono::steady_clock::now() - started.started;
    const auto& res = result.res;
    metrics_.observe(
        how.traits.metrics_label, res.result_int(), std::chrono::duration<double>(elapsed).count());
    if (!how.traits.journaled) {
        return;
    }
    observability::request_record record;
    record.at = started.at + clocks_.offset(how.tenant);
    record.method = std::string{req.method_string()};
    record.path = std::string{target_path(req.target())};
    record.query = std::string{target_query(req.target())};
    record.tenant = std::string{how.tenant};
    record.kind = how.traits.kind;
    record.feature =
        result.facts.feature.empty() ? std::string{how.traits.feature} : result.facts.feature;
    // A v2 path names the job {public_id}, a v3 path {job_id}.
    const auto path_id = how.params.find("public_id").empty() ? how.params.find("job_id")
                                                              : how.params.find("public_id");
    record.job_id = result.facts.job_id.empty() ? std::string{path_id} : result.facts.job_id;
    for (const auto& field : req) {
        const bool secret = std::find(secret_headers.begin(), secret_headers.end(), field.name()) !=
                            secret_headers.end();
        if (!secret) {
            record.headers.emplace_back(std::string{field.name_string()},
                                        support::valid_utf8(field.value()));
        }
    }
    record.body_excerpt = body_excerpt(req);
    record.status = res.result_int();
    record.retry_after = std::string{res[http::field::retry_after]};
    record.job_status = result.facts.job_status;
    journal_.add(std::move(record));
}

} // namespace emu::net
