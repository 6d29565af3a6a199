#include "fake_providers/web/target_url.hpp"

#include "server/support/text.hpp"

#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <system_error>

namespace emu::fake::web {

namespace {

namespace urls = boost::urls;

// Whether the text starts with "<scheme>:" where the scheme is not a host followed by a port
// ("mailto:a@b" does, "example.com:8080/x" does not).
bool names_a_scheme(std::string_view text) {
    if (text.find("://") != std::string_view::npos) {
        return true;
    }
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return false;
    }
    for (const char c : text.substr(0, colon)) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!letter && c != '+' && c != '-') {
            return false; // a '.' or a digit: a host name
        }
    }
    return colon + 1 >= text.size() || text[colon + 1] < '0' || text[colon + 1] > '9';
}

} // namespace

std::optional<target_url> read_target(std::string_view text) {
    text = support::trim(text);
    const std::string full =
        names_a_scheme(text) ? std::string{text} : "https://" + std::string{text};
    const auto parsed = urls::parse_uri(full);
    if (!parsed || parsed->encoded_host().empty()) {
        return std::nullopt;
    }
    const urls::url_view& u = *parsed;
    target_url target;
    target.scheme = support::lower(u.scheme());
    target.host = support::lower(u.encoded_host());
    target.authority = target.host;
    if (u.has_port()) {
        target.authority += ":" + std::string{u.port()};
    }
    target.path = u.encoded_path();
    while (!target.path.empty() && target.path.back() == '/') {
        target.path.pop_back();
    }
    return target;
}

std::optional<std::string> unreachable_reason(std::string_view text) {
    const auto target = read_target(text);
    // A URL without a host ("mailto:a@b.c") is refused for its scheme first.
    const auto scheme = target ? target->scheme : [&] {
        const auto parsed = urls::parse_uri(support::trim(text));
        return parsed ? support::lower(parsed->scheme()) : std::string{};
    }();
    if (!scheme.empty() && scheme != "http" && scheme != "https") {
        return "Unsupported URL scheme: " + scheme;
    }
    if (!target) {
        return "Invalid URL: " + std::string{text};
    }
    if (target->host == "invalid" || target->host.ends_with(".invalid")) {
        return "DNS resolution failed for hostname: " + target->host;
    }
    return std::nullopt;
}

std::vector<std::string> url_list(const launch_params& params, std::string_view name) {
    std::vector<std::string> out;
    const auto text = params.get(name);
    if (!text) {
        return out;
    }
    std::error_code error;
    const auto parsed = boost::json::parse(*text, error);
    if (error || !parsed.is_array()) {
        return out;
    }
    for (const auto& item : parsed.get_array()) {
        if (const auto* url = item.if_string()) {
            out.emplace_back(url->c_str(), url->size());
        }
    }
    return out;
}

} // namespace emu::fake::web
