#include "server/observability/request_metrics.hpp"

#include <algorithm>

namespace emu::observability {

void request_metrics::observe(std::string_view route, unsigned status, double seconds) {
    const auto bucket = static_cast<std::size_t>(
        std::lower_bound(bucket_bounds.begin(), bucket_bounds.end(), seconds) -
        bucket_bounds.begin());
    std::lock_guard lock{mutex_};
    ++requests_[{std::string{route}, status}];
    auto found = durations_.find(route);
    if (found == durations_.end()) {
        found = durations_.emplace(std::string{route}, histogram{}).first;
    }
    auto& h = found->second;
    ++h.counts[bucket];
    h.sum += seconds;
    ++h.count;
}

void request_metrics::write(prometheus_text& out) const {
    std::lock_guard lock{mutex_};
    out.family(
        "edenmock_requests_total", "counter", "HTTP requests answered, by route and status.");
    for (const auto& [key, count] : requests_) {
        out.sample("edenmock_requests_total",
                   {{"route", key.first}, {"status", std::to_string(key.second)}},
                   static_cast<double>(count));
    }
    out.family("edenmock_request_duration_seconds",
               "histogram",
               "Time spent handling a request in the router (real time), by route.");
    for (const auto& [route, h] : durations_) {
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < h.counts.size(); ++i) {
            cumulative += h.counts[i];
            const auto le = i < bucket_bounds.size()
                                ? prometheus_text::format_value(bucket_bounds[i])
                                : std::string{"+Inf"};
            out.sample("edenmock_request_duration_seconds_bucket",
                       {{"route", route}, {"le", le}},
                       static_cast<double>(cumulative));
        }
        out.sample("edenmock_request_duration_seconds_sum", {{"route", route}}, h.sum);
        out.sample("edenmock_request_duration_seconds_count",
                   {{"route", route}},
                   static_cast<double>(h.count));
    }
}

} // namespace emu::observability
