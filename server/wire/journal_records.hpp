#pragma once

#include "server/observability/client_checks.hpp"
#include "server/observability/request_journal.hpp"
#include "server/webhooks/delivery_journal.hpp"

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

// The journals' records as the control API shows them: json::value_from(record) (and of a
// vector of records) through these overloads, found by argument-dependent lookup.

namespace emu::observability {

// A GET /_emulator/requests entry.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const request_record& record);

// A GET /_emulator/verify answer.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const check_result& result);

} // namespace emu::observability

namespace emu::webhooks {

// A GET /_emulator/webhooks attempt.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const attempt_record& record);

} // namespace emu::webhooks
