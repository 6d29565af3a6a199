#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace emu::jobs {

// A job's public id (or a provider sub-job's id): a UUID kept as 128 bits.
struct job_id {
    std::uint64_t high = 0;
    std::uint64_t low = 0;

    // Lower-case canonical form "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".
    std::string to_string() const;

    // Accepts the canonical form in either case; nullopt for anything else.
    static std::optional<job_id> parse(std::string_view text);

    friend bool operator==(const job_id&, const job_id&) = default;
};

} // namespace emu::jobs

template <>
struct std::hash<emu::jobs::job_id> {
    std::size_t operator()(const emu::jobs::job_id& id) const noexcept {
        return static_cast<std::size_t>(id.high ^ (id.low * 0x9e3779b97f4a7c15ULL));
    }
};
