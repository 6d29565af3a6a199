#pragma once

#include "server/observability/request_journal.hpp"

#include <string_view>

namespace emu::observability {

// Where an API request went, as far as its method and path tell.
struct api_route {
    route_kind kind = route_kind::other;
    std::string_view feature; // the feature's path in the feature table; empty when none
    std::string_view job_id;  // the last path segment of a job GET; empty otherwise
};

// Classifies /v2/<feature>[/<public_id>][/] the way the router dispatches it: POST launches,
// GET lists, DELETE deletes, GET of /<public_id> gets; anything else (unknown feature, wrong
// method) is `other`, with the feature when one is named. The job id is a view into `path`.
api_route classify_api_path(std::string_view method, std::string_view path);

} // namespace emu::observability
