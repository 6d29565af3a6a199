#pragma once

#include "server/observability/prometheus_text.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace emu::observability {

// Request counters by route and status and request duration histograms by route, written as
// edenmock_requests_total and edenmock_request_duration_seconds. Thread-safe: one lock.
class request_metrics {
public:
    // Upper bounds of the duration buckets, in seconds (+Inf follows).
    static constexpr std::array<double, 12> bucket_bounds{
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    // Counts one request of `route` ("launch", "get", "list", "delete", "control", "other")
    // answered with `status` after `seconds` of real time.
    void observe(std::string_view route, unsigned status, double seconds);

    // Appends both families to `out`.
    void write(prometheus_text& out) const;

private:
    // One route's histogram; counts per bucket, not cumulative (written cumulative).
    struct histogram {
        std::array<std::uint64_t, bucket_bounds.size() + 1> counts{}; // the last is +Inf only
        double sum = 0;
        std::uint64_t count = 0;
    };

    mutable std::mutex mutex_;
    std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;
    std::map<std::string, histogram, std::less<>> durations_;
};

} // namespace emu::observability
