#include "server/eden_v2/fault_answers.hpp"

#include "server/net/api_error.hpp"
#include "server/net/v3_errors.hpp"

#include <boost/beast/http/status.hpp>
#include <boost/json/object.hpp>

namespace emu::eden_v2 {
namespace {

namespace json = boost::json;
namespace http = net::http;
using net::answer;
using net::api_error;
using scenario::fault_rule;

// Eden v3's body for the status: its rate-limit body for 429 (retry_after as the rule's, else
// 1 s), else {"detail": reason}.
json::value default_v3_body(const fault_rule& rule) {
    const auto status = rule.status;
    if (status == 429) {
        return net::v3::rate_limit_body(rule.retry_after ? *rule.retry_after : 1.0);
    }
    const auto reason = http::obsolete_reason(static_cast<http::status>(status));
    return json::object{{"detail", reason == "<unknown-status>" ? "Error" : std::string{reason}}};
}

// Eden's body for the status: its rate-limit body for 429, else {"error": {"type", "message"}}.
json::value default_body(unsigned status) {
    if (status == 429) {
        return api_error::rate_limit_body();
    }
    const auto reason = http::obsolete_reason(static_cast<http::status>(status));
    const std::string type = reason == "<unknown-status>" ? "Error" : std::string{reason};
    if (status >= 500) {
        return api_error::error_body(type,
                                     type + ": the server could not answer. Please try again "
                                            "later.");
    }
    return api_error::error_body(type, type + ".");
}

} // namespace

answer stopped_call(const fault_rule& rule, unsigned version, net::error_dialect dialect) {
    answer result;
    if (rule.effect == scenario::fault_effect::reset) {
        result.how.reset = true;
        return result;
    }
    result.res =
        net::json_response(static_cast<http::status>(rule.status),
                           !rule.body.is_null()                     ? rule.body
                           : dialect == net::error_dialect::eden_v3 ? default_v3_body(rule)
                                                                    : default_body(rule.status),
                           version);
    if (rule.retry_after) {
        result.res.set(http::field::retry_after, std::to_string(*rule.retry_after));
    }
    return result;
}

answer delivered(net::response normal, const std::optional<fault_rule>& rule) {
    answer result{std::move(normal), {}};
    if (rule && rule->effect == scenario::fault_effect::latency) {
        result.how.latency = rule->latency;
    } else if (rule && rule->effect == scenario::fault_effect::truncate) {
        result.how.truncate = rule->truncate;
    }
    return result;
}

} // namespace emu::eden_v2
