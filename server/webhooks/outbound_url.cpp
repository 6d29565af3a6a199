#include "server/webhooks/outbound_url.hpp"

#include "server/support/text.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace emu::webhooks {

namespace urls = boost::urls;

std::string outbound_target::pool_key() const {
    return std::string{tls ? "https://" : "http://"} + host + ":" + std::to_string(port) +
           (public_only ? " public-only" : "");
}

parsed_url parse_outbound_url(std::string_view url) {
    const auto fail = [](std::string reason) {
        return parsed_url{std::nullopt, std::move(reason)};
    };
    const auto parsed = urls::parse_uri(url);
    if (!parsed) {
        return fail("not an absolute URL: \"" + std::string{url} + "\"");
    }
    const urls::url_view& u = *parsed;
    const bool tls = u.scheme_id() == urls::scheme::https;
    if (!tls && u.scheme_id() != urls::scheme::http) {
        return fail("unsupported scheme \"" + std::string{u.scheme()} + "\" (http or https only)");
    }
    if (u.has_userinfo()) {
        return fail("credentials in the URL are not supported");
    }
    if (u.host_type() == urls::host_type::none || u.host_type() == urls::host_type::ipvfuture ||
        u.encoded_host().empty()) {
        return fail("missing or unsupported host in \"" + std::string{url} + "\"");
    }
    outbound_target target;
    target.tls = tls;
    target.host = support::lower(u.host_address());
    const std::uint16_t default_port = tls ? 443 : 80;
    target.port = default_port;
    target.host_header = u.encoded_host();
    if (u.has_port() && !u.port().empty()) {
        target.port = u.port_number();
        if (target.port == 0) {
            return fail("bad port \"" + std::string{u.port()} + "\"");
        }
    }
    if (target.port != default_port) {
        target.host_header += ":" + std::to_string(target.port);
    }
    target.target = u.encoded_target();
    if (target.target.empty() || target.target.front() != '/') {
        target.target.insert(0, "/");
    }
    return parsed_url{std::move(target), {}};
}

} // namespace emu::webhooks
