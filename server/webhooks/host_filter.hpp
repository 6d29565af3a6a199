#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace emu::webhooks {

// Which receiver hosts deliveries may go to: --webhook-allow and --webhook-deny globs
// (case-insensitive). Deny wins; an empty allow list allows every host not denied.
class host_filter {
public:
    host_filter(std::vector<std::string> allow, std::vector<std::string> deny);

    // Empty when the URL's host may receive deliveries; else why not.
    std::string refusal(std::string_view url) const;

private:
    std::vector<std::string> allow_;
    std::vector<std::string> deny_;
};

} // namespace emu::webhooks
