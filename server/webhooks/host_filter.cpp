#include "server/webhooks/host_filter.hpp"

#include "server/support/glob.hpp"
#include "server/support/text.hpp"
#include "server/webhooks/address_ranges.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>

namespace emu::webhooks {
namespace {

using support::lower;

// Globs and host are lower-cased already: host names are case-insensitive.
bool any_matches(const std::vector<std::string>& globs, std::string_view host) {
    return std::any_of(globs.begin(), globs.end(), [&](const std::string& glob) {
        return support::glob_matches(glob, host);
    });
}

} // namespace

host_filter::host_filter(std::vector<std::string> allow, std::vector<std::string> deny, bool strict)
    : strict_(strict) {
    for (const auto& glob : allow) {
        allow_.push_back(lower(glob));
    }
    for (const auto& glob : deny) {
        deny_.push_back(lower(glob));
    }
}

std::string host_filter::refusal(std::string_view url) const {
    if (allow_.empty() && deny_.empty() && !strict_) {
        return {};
    }
    const auto parsed = boost::urls::parse_uri(url);
    if (!parsed) {
        return {}; // the sender reports the bad URL
    }
    if (strict_ && parsed->scheme_id() != boost::urls::scheme::https) {
        return lower(parsed->scheme()) +
               ":// receivers are refused by --webhook-strict: Eden delivers to https only";
    }
    // IPv6 literals are compared without their brackets.
    auto host = lower(parsed->encoded_host_address());
    if (host.size() > 1 && host.front() == '[') {
        host = host.substr(1, host.size() - 2);
    }
    if (any_matches(deny_, host)) {
        return "host " + host + " is refused by --webhook-deny";
    }
    if (!allow_.empty() && !any_matches(allow_, host)) {
        return "host " + host + " is not in --webhook-allow";
    }
    if (const auto kind = non_public_kind(host); strict_ && !kind.empty()) {
        return "host " + host + " is a " + std::string{kind} +
               " address, refused by --webhook-strict";
    }
    return {};
}

} // namespace emu::webhooks
