#pragma once

#include <boost/asio/ip/address.hpp>

#include <string_view>

namespace emu::webhooks {

// Which kind of non-public address `address` is, as --webhook-strict refuses them the way Eden's
// SSRF check does: "loopback" (127.0.0.0/8, ::1), "private" (10/8, 172.16/12, 192.168/16,
// fc00::/7, fec0::/10), "link-local" (169.254/16, fe80::/10), "CGNAT" (100.64/10) or
// "unspecified" (0.0.0.0/8, ::); "" for any other address. An IPv4-mapped IPv6 address
// (::ffff:a.b.c.d) is judged by its IPv4 address.
std::string_view non_public_kind(const boost::asio::ip::address& address);

// The same for a host as a URL names it: "" when it is a name rather than an address literal.
std::string_view non_public_kind(std::string_view host);

} // namespace emu::webhooks
