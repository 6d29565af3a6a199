#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace emu::webhooks {

// Which receiver URLs deliveries may go to: --webhook-allow and --webhook-deny globs on the host
// (case-insensitive; deny wins; an empty allow list allows every host not denied) and, with
// --webhook-strict, Eden's own rules: https only, and no address literal in a non-public range
// (see address_ranges). Host names are checked against those ranges when they are resolved,
// by the sender (outbound_request::public_only), since only then are their addresses known.
class host_filter {
public:
    host_filter(std::vector<std::string> allow, std::vector<std::string> deny, bool strict = false);

    // Empty when the URL may receive deliveries; else why not.
    std::string refusal(std::string_view url) const;

private:
    std::vector<std::string> allow_;
    std::vector<std::string> deny_;
    bool strict_;
};

} // namespace emu::webhooks
