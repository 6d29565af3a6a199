#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace emu::webhooks {

// Where one outbound POST goes: an http or https URL taken apart.
struct outbound_target {
    bool tls = false;
    std::string host;        // resolved, and checked against the certificate; IPv6 without brackets
    std::uint16_t port = 0;  // the scheme's default when the URL names none
    std::string host_header; // as in the URL, with ":port" only when it is not the default
    std::string target;      // path and query, "/" when the path is empty
    bool public_only = false; // see outbound_request::public_only

    // Connections are shared between requests with equal keys ("https://host:port", plus
    // " public-only" for connections whose addresses were checked).
    std::string pool_key() const;
};

// The target of a URL, or why it cannot be used.
struct parsed_url {
    std::optional<outbound_target> target;
    std::string error; // set when target is empty
};

// Accepts absolute http and https URLs with a host; the fragment is dropped. Credentials in the
// URL are refused rather than silently left out.
parsed_url parse_outbound_url(std::string_view url);

} // namespace emu::webhooks
