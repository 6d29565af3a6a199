#include "server/control/control_query.hpp"

#include "server/support/iso_time.hpp"

#include <charconv>

namespace emu::control {

control_query::control_query(const net::request& req)
    : query_(net::target_query(req.target()), errors_) {}

std::string control_query::text(std::string_view name) const {
    return query_.text(name).value_or("");
}

void control_query::texts(
    std::initializer_list<std::pair<std::string_view, std::string*>> wanted) const {
    for (const auto& [name, into] : wanted) {
        *into = text(name);
    }
}

std::optional<std::string> control_query::optional_text(std::string_view name) const {
    return query_.text(name);
}

std::string control_query::tenant() {
    auto tenant = query_.text("tenant");
    if (tenant && tenant->empty()) {
        errors_.add("tenant", "Expected an API key (the bearer token of the tenant).");
    }
    return tenant.value_or("");
}

std::string control_query::tenant_only(const net::request& req) {
    control_query query{req};
    auto tenant = query.tenant();
    query.done();
    return tenant;
}

std::optional<scheduling::instant> control_query::time(std::string_view name) {
    const auto given = query_.text(name);
    if (!given) {
        return std::nullopt;
    }
    const auto at = support::parse_iso8601(*given);
    if (!at) {
        errors_.add(std::string{name}, "Expected an ISO-8601 time like 2026-01-01T00:00:05Z.");
    }
    return at;
}

std::optional<unsigned> control_query::http_status(std::string_view name) {
    const auto given = query_.text(name);
    if (!given) {
        return std::nullopt;
    }
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(given->data(), given->data() + given->size(), value);
    if (given->empty() || ec != std::errc{} || end != given->data() + given->size() ||
        value < 100 || value > 599) {
        errors_.add(std::string{name}, "Expected an HTTP status code like 200 or 429.");
        return std::nullopt;
    }
    return value;
}

void control_query::add_error(std::string_view name, std::string message) {
    errors_.add(std::string{name}, std::move(message));
}

void control_query::done() const {
    if (!errors_.empty()) {
        throw net::api_error::invalid(errors_);
    }
}

} // namespace emu::control
