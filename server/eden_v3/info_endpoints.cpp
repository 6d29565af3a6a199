#include "server/eden_v3/info_endpoints.hpp"

#include "server/net/query_flags.hpp"
#include "server/net/v3_errors.hpp"
#include "server/support/near_words.hpp"
#include "server/support/text.hpp"
#include "server/wire/v3_info.hpp"

#include <boost/json/array.hpp>

namespace emu::eden_v3 {

namespace json = boost::json;
namespace http = net::http;

info_endpoints::info_endpoints(const features::v3_catalog& catalog)
    : catalog_(catalog) {}

const features::v3_feature& info_endpoints::feature_of(const net::route_call& call) const {
    const auto name = call.params["feature"];
    const auto* found = catalog_.find_feature(name);
    if (found == nullptr) {
        std::vector<std::string_view> names;
        for (const auto& feature : catalog_.features()) {
            names.push_back(feature.name);
        }
        const auto near = support::nearest_word(name, names);
        throw net::v3::detail(404, "Feature '" + std::string{name} + "' not found")
            .with_hint(near ? "did you mean " + *near + "?"
                            : "the features are " + support::join(names, ", "));
    }
    return *found;
}

net::answer info_endpoints::features(const net::route_call& call) const {
    return net::json_response(
        http::status::ok, wire::render_features(catalog_), call.req.version());
}

net::answer info_endpoints::feature(const net::route_call& call) const {
    return net::json_response(
        http::status::ok, wire::render_feature(feature_of(call)), call.req.version());
}

net::answer info_endpoints::subfeature(const net::route_call& call) const {
    const auto& feature = feature_of(call);
    const auto name = call.params["subfeature"];
    const auto* sub = feature.find(name);
    if (sub == nullptr) {
        std::vector<std::string_view> names;
        for (const auto& entry : feature.subfeatures) {
            names.push_back(entry.name);
        }
        const auto near = support::nearest_word(name, names);
        throw net::v3::detail(
            404, "Subfeature '" + feature.name + "/" + std::string{name} + "' not found")
            .with_hint(near ? "did you mean " + feature.name + "/" + *near + "?"
                            : feature.name + "'s subfeatures are " + support::join(names, ", "));
    }
    net::field_errors unused; // text() reports nothing
    const net::query_flags query{net::target_query(call.req.target()), unused};
    auto format = wire::schema_format::simplified;
    if (const auto given = query.text("format")) {
        const auto parsed = wire::schema_format_names.parse(*given);
        if (!parsed) {
            net::v3::request_errors errors;
            errors.add(json::array{"query", "format"},
                       "enum",
                       "Input should be " + wire::schema_format_names.choices("'"),
                       json::string{*given});
            throw errors.to_error();
        }
        format = *parsed;
    }
    return net::json_response(http::status::ok,
                              wire::render_subfeature_detail(feature, *sub, format),
                              call.req.version());
}

} // namespace emu::eden_v3
