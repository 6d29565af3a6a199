#include "server/observability/client_checks.hpp"

#include "server/support/iso_time.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>

namespace emu::observability {
namespace {

namespace json = boost::json;

double millis(scheduling::duration d) {
    return static_cast<double>(d.count()) / 1000.0;
}

std::string number_text(double value) {
    std::array<char, 32> buffer{};
    const auto [end, ec] = std::to_chars(
        buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::general);
    return ec == std::errc{} ? std::string(buffer.data(), end) : std::string{};
}

// The job GETs of the records, grouped by job, each group oldest first.
std::map<std::string, std::vector<const request_record*>>
polls_by_job(const std::vector<request_record>& records) {
    std::map<std::string, std::vector<const request_record*>> polls;
    for (const auto& record : records) {
        if (record.kind == route_kind::get && !record.job_id.empty()) {
            polls[record.job_id].push_back(&record);
        }
    }
    return polls;
}

bool terminal(std::string_view job_status) {
    return job_status == "finished" || job_status == "failed";
}

} // namespace

check_result check_poll_rate(const std::vector<request_record>& records, double max_per_second) {
    check_result result{"poll_rate", true, {}, {}};
    // Capped at 100 years, so a tiny rate cannot overflow the cast.
    const auto shortest =
        scheduling::duration{static_cast<std::int64_t>(std::min(1e6 / max_per_second, 3.2e15))};
    std::size_t intervals = 0;
    for (const auto& [job, polls] : polls_by_job(records)) {
        for (std::size_t i = 1; i < polls.size(); ++i) {
            ++intervals;
            const auto interval = polls[i]->at - polls[i - 1]->at;
            if (interval < shortest) {
                result.evidence.push_back(json::object{
                    {"job", job},
                    {"previous_seq", polls[i - 1]->seq},
                    {"seq", polls[i]->seq},
                    {"previous_at", support::format_utc(polls[i - 1]->at)},
                    {"at", support::format_utc(polls[i]->at)},
                    {"interval_ms", millis(interval)},
                });
            }
        }
    }
    result.ok = result.evidence.empty();
    result.details = std::to_string(result.evidence.size()) + " of " + std::to_string(intervals) +
                     " intervals between polls of one job were shorter than " +
                     number_text(millis(shortest)) +
                     " ms (max_per_second=" + number_text(max_per_second) + ", emulator time)";
    return result;
}

check_result check_polls_after_terminal(const std::vector<request_record>& records) {
    check_result result{"polls_after_terminal", true, {}, {}};
    std::size_t jobs = 0;
    for (const auto& [job, polls] : polls_by_job(records)) {
        ++jobs;
        const request_record* ended = nullptr;
        for (const auto* poll : polls) {
            if (ended != nullptr) {
                result.evidence.push_back(json::object{
                    {"job", job},
                    {"seq", poll->seq},
                    {"at", support::format_utc(poll->at)},
                    {"terminal_seq", ended->seq},
                    {"terminal_status", ended->job_status},
                });
            } else if (terminal(poll->job_status)) {
                ended = poll;
            }
        }
    }
    result.ok = result.evidence.empty();
    result.details = std::to_string(result.evidence.size()) + " polls of " + std::to_string(jobs) +
                     " polled jobs came after a response showing finished or failed";
    return result;
}

check_result check_retry_after_honoured(const std::vector<request_record>& records) {
    check_result result{"retry_after_honoured", true, {}, {}};
    std::size_t checked = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& refused = records[i];
        const auto wait = parse_retry_after(refused.retry_after);
        if ((refused.status != 429 && refused.status != 503) || !wait) {
            continue;
        }
        for (std::size_t j = i + 1; j < records.size(); ++j) {
            const auto& next = records[j];
            if (next.tenant != refused.tenant || next.kind != refused.kind) {
                continue;
            }
            ++checked;
            const auto waited = next.at - refused.at;
            if (static_cast<double>(waited.count()) < *wait * 1e6) {
                result.evidence.push_back(json::object{
                    {"seq", refused.seq},
                    {"at", support::format_utc(refused.at)},
                    {"status", refused.status},
                    {"retry_after", refused.retry_after},
                    {"next_seq", next.seq},
                    {"next_at", support::format_utc(next.at)},
                    {"waited_ms", millis(waited)},
                });
            }
            break;
        }
    }
    result.ok = result.evidence.empty();
    result.details = std::to_string(result.evidence.size()) + " of " + std::to_string(checked) +
                     " requests following a 429/503 with Retry-After came too early";
    return result;
}

std::optional<double> parse_retry_after(std::string_view text) {
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    while (!text.empty() && text.back() == ' ') {
        text.remove_suffix(1);
    }
    double seconds = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || seconds < 0 ||
        !std::isfinite(seconds)) {
        return std::nullopt;
    }
    return seconds;
}

} // namespace emu::observability
