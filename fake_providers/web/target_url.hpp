#pragma once

#include "fake_providers/generation.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::fake::web {

// A URL a web job names, as far as the fake providers read it.
struct target_url {
    std::string scheme;    // "https", lower case
    std::string authority; // "docs.example.com", or "example.com:8080"; the host lower case
    std::string host;      // "docs.example.com"
    std::string path;      // "/blog/launch", encoded, without a trailing '/'; "" at the root

    // "https://docs.example.com"
    std::string origin() const { return scheme + "://" + authority; }

    // The URL of the page, without query and fragment: "https://docs.example.com/".
    std::string href() const { return origin() + (path.empty() ? "/" : path); }
};

// The URL as given, or with "https://" in front when it names no scheme ("example.com/docs",
// as users type them); nullopt when neither is a URL with a host.
std::optional<target_url> read_target(std::string_view text);

// Why a provider cannot fetch the URL, or nullopt when it can. Unreachable: what is no URL, a
// scheme other than http and https, and the reserved host "invalid" and the hosts under the
// ".invalid" TLD (RFC 2606), which never resolve.
std::optional<std::string> unreachable_reason(std::string_view text);

// The strings of a parameter that holds a JSON array as compact text, in order; empty when the
// parameter is absent or holds something else.
std::vector<std::string> url_list(const launch_params& params, std::string_view name);

} // namespace emu::fake::web
