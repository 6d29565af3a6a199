#include "server/engine/resetter.hpp"

namespace emu::engine {

void resetter::add(forget service) {
    services_.push_back(std::move(service));
}

reset_report resetter::reset(std::string_view tenant) const {
    reset_report report;
    report.tenant = std::string{tenant};
    for (const auto& service : services_) {
        service(tenant, report);
    }
    return report;
}

} // namespace emu::engine
