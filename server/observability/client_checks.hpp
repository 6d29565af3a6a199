#pragma once

#include "server/observability/request_journal.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::observability {

// The verdict of one client-behaviour check over journal records.
struct check_result {
    std::string check;
    bool ok = true;
    std::string details;
    boost::json::array evidence; // one object per offending request
};

// Fails when two consecutive GETs of one job are closer than 1/max_per_second seconds of
// emulator time. Two GETs at the same emulator instant are infinitely fast: under a manual
// clock a client must let the clock move between polls, as a real client sleeps.
check_result check_poll_rate(const std::vector<request_record>& records, double max_per_second);

// Fails when a job was polled again after a GET that already answered finished or failed.
check_result check_polls_after_terminal(const std::vector<request_record>& records);

// Fails when, after a 429 or 503 carrying Retry-After, the same tenant's next request of the
// same kind came sooner than that many seconds later (emulator time).
check_result check_retry_after_honoured(const std::vector<request_record>& records);

// Retry-After in delta-seconds ("2", "1.5"); nullopt for HTTP dates and anything else.
std::optional<double> parse_retry_after(std::string_view text);

} // namespace emu::observability
