#pragma once

#include "server/support/time.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace emu::support {

// "2026-09-06T09:41:47.406169": naive UTC with microseconds, as Eden lists created_at.
std::string format_naive(instant at);

// "2026-09-06T09:41:47.406169Z": the same with the zone, for the control API.
std::string format_utc(instant at);

// Parses ISO-8601 date-times: "2026-01-01", "2026-01-01T10:00:00", optional fraction, and an
// optional "Z" or "+hh:mm"/"-hh:mm" offset (naive means UTC). Nullopt when malformed.
std::optional<instant> parse_iso8601(std::string_view text);

// Parses a duration like "2s", "500ms", "1.5s", "2m", "1h", "250us", or a bare number of
// seconds. Nullopt when malformed or negative.
std::optional<duration> parse_duration(std::string_view text);

} // namespace emu::support
