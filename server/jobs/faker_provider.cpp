#include "server/jobs/faker_provider.hpp"

#include "fake_providers/deterministic.hpp"

namespace emu::jobs {

faker_mode faker_mode_for(std::string_view model) {
    if (model == "FINISHED") {
        return faker_mode::finished;
    }
    if (model == "ERROR") {
        return faker_mode::error;
    }
    if (model == "pending") {
        return faker_mode::pending;
    }
    return faker_mode::random;
}

scenario::provider_status
faker_poll(faker_mode mode, std::uint64_t seed, const job_id& sub_id, std::uint32_t poll) {
    using scenario::provider_status;
    switch (mode) {
    case faker_mode::finished:
        return provider_status::finished;
    case faker_mode::error:
        return provider_status::failed;
    case faker_mode::pending:
        return provider_status::processing;
    case faker_mode::random:
        break;
    }
    // faker_api.py: chance_to_stop = randint(2, 1000); < 250 finished, > 994 error.
    fake::rng draw{fake::mix(fake::mix(seed, sub_id.high ^ sub_id.low), poll)};
    const auto chance = 2 + draw.below(999);
    if (chance < 250) {
        return provider_status::finished;
    }
    if (chance > 994) {
        return provider_status::failed;
    }
    return provider_status::processing;
}

const scenario::step& faker_failure() {
    static const scenario::step failure = [] {
        scenario::step made;
        made.status = scenario::provider_status::failed;
        made.error_message = "error";
        return made;
    }();
    return failure;
}

} // namespace emu::jobs
