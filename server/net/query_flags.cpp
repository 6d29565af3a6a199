#include "server/net/query_flags.hpp"

#include "server/wire/field_values.hpp"

#include <boost/url/parse_query.hpp>

namespace emu::net {

query_flags::query_flags(std::string_view query, field_errors& errors)
    : query_(query)
    , errors_(errors) {
    if (query_.empty()) {
        return;
    }
    auto parsed = boost::urls::parse_query(query_);
    if (!parsed) {
        errors_.add("query", "The query string is malformed.");
        return;
    }
    params_ = parsed.value();
}

std::optional<bool> query_flags::get(std::string_view name) const {
    if (!params_) {
        return std::nullopt;
    }
    boost::urls::encoding_opts options;
    options.space_as_plus = true;
    std::optional<bool> result;
    for (const auto& param : *params_) {
        if (param.key.decode(options) != name) {
            continue;
        }
        result = wire::value_as_boolean(boost::json::string{param.value.decode(options)});
        if (!result) {
            errors_.add(std::string{name}, "Must be a valid boolean.");
        }
    }
    return result;
}

std::optional<std::string> query_flags::text(std::string_view name) const {
    if (!params_) {
        return std::nullopt;
    }
    boost::urls::encoding_opts options;
    options.space_as_plus = true;
    std::optional<std::string> result;
    for (const auto& param : *params_) {
        if (param.key.decode(options) == name) {
            result = param.value.decode(options);
        }
    }
    return result;
}

} // namespace emu::net
