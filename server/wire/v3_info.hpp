#pragma once

#include "server/features/v3_catalog.hpp"
#include "server/support/enum_names.hpp"

#include <boost/json/object.hpp>

namespace emu::wire {

// How /v3/info/{feature}/{subfeature} writes input and output schemas.
enum class schema_format { simplified, json_schema };

inline constexpr support::enum_names<schema_format, 2> schema_format_names{
    {"simplified", "json_schema"}};

// GET /v3/info: {"features": [FeatureInfo]}.
boost::json::object render_features(const features::v3_catalog& catalog);

// GET /v3/info/{feature}: FeatureInfo {name, fullname, description, subfeatures}.
boost::json::object render_feature(const features::v3_feature& feature);

// GET /v3/info/{feature}/{subfeature}: SubfeatureDetailResponse.
boost::json::object render_subfeature_detail(const features::v3_feature& feature,
                                             const features::v3_subfeature& sub,
                                             schema_format format);

} // namespace emu::wire
