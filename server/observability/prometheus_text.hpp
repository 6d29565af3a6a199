#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::observability {

// Label names and values of one sample, in the order written.
using label_set = std::vector<std::pair<std::string_view, std::string>>;

// Writes Prometheus' text exposition format 0.0.4: a HELP and a TYPE line per metric family,
// then its samples, label values escaped as the format says.
class prometheus_text {
public:
    // The Content-Type of the format.
    static constexpr std::string_view content_type = "text/plain; version=0.0.4; charset=utf-8";

    // Starts a family; type is "counter", "gauge" or "histogram".
    void family(std::string_view name, std::string_view type, std::string_view help);

    // One sample line; `name` may carry a suffix of the family (_bucket, _sum, _count).
    void sample(std::string_view name, const label_set& labels, double value);

    const std::string& text() const { return text_; }

    // A label value with backslash, double quote and line feed escaped.
    static std::string escape_label(std::string_view value);

    // A HELP text with backslash and line feed escaped.
    static std::string escape_help(std::string_view help);

    // Whole numbers without a fraction, others in their shortest exact form, "+Inf", "-Inf",
    // "NaN".
    static std::string format_value(double value);

private:
    std::string text_;
};

} // namespace emu::observability
