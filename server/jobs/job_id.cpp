#include "server/jobs/job_id.hpp"

#include "fake_providers/deterministic.hpp"

namespace emu::jobs {

std::string job_id::to_string() const {
    return fake::uuid_from(high, low);
}

std::optional<job_id> job_id::parse(std::string_view text) {
    if (text.size() != 36) {
        return std::nullopt;
    }
    job_id id;
    int nibbles = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') {
                return std::nullopt;
            }
            continue;
        }
        std::uint64_t value = 0;
        if (c >= '0' && c <= '9') {
            value = static_cast<std::uint64_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            value = static_cast<std::uint64_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            value = static_cast<std::uint64_t>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
        auto& half = nibbles < 16 ? id.high : id.low;
        half = (half << 4) | value;
        ++nibbles;
    }
    return id;
}

} // namespace emu::jobs
