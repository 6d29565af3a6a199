#include "server/jobs/job_cost.hpp"

#include "server/support/text.hpp"

#include <boost/json/parse.hpp>

namespace emu::jobs {
namespace {

double seconds_of(const job_input& input) {
    if (const auto duration = input.params.get_number("duration")) {
        return *duration;
    }
    if (input.file && input.file->duration_ms) {
        return *input.file->duration_ms / 1000.0;
    }
    return unknown_duration_seconds;
}

double characters_of(const job_input& input) {
    for (const auto* name : {"text", "prompt"}) {
        if (const auto text = input.params.get(name)) {
            return static_cast<double>(support::utf8_length(*text));
        }
    }
    return 0;
}

double urls_of(const job_input& input) {
    if (const auto urls = input.params.get("urls")) {
        boost::system::error_code ec;
        const auto parsed = boost::json::parse(*urls, ec);
        return !ec && parsed.is_array() ? static_cast<double>(parsed.get_array().size()) : 1.0;
    }
    return input.params.get("url") ? 1.0 : 0.0;
}

double units_of(const job_input& input, features::price_unit unit) {
    switch (unit) {
    case features::price_unit::second:
        return seconds_of(input);
    case features::price_unit::page:
        return input.file && input.file->page_count ? *input.file->page_count : 1.0;
    case features::price_unit::character:
        return characters_of(input);
    case features::price_unit::url:
        return urls_of(input);
    case features::price_unit::request:
        break;
    }
    return 1;
}

} // namespace

double v3_cost(const job_snapshot& job, const features::v3_model& model) {
    return model.price * units_of(*job.input, model.unit) / model.unit_quantity;
}

} // namespace emu::jobs
