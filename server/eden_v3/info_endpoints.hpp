#pragma once

#include "server/features/v3_catalog.hpp"
#include "server/net/route_table.hpp"

namespace emu::eden_v3 {

// Eden's v3 discovery routes (no credentials): the catalog's features, one feature, one
// subfeature with its schemas and models.
class info_endpoints {
public:
    explicit info_endpoints(const features::v3_catalog& catalog);

    // GET /v3/info
    net::answer features(const net::route_call& call) const;

    // GET /v3/info/{feature}
    net::answer feature(const net::route_call& call) const;

    // GET /v3/info/{feature}/{subfeature}?format=simplified|json_schema
    net::answer subfeature(const net::route_call& call) const;

private:
    const features::v3_feature& feature_of(const net::route_call& call) const;

    const features::v3_catalog& catalog_;
};

} // namespace emu::eden_v3
