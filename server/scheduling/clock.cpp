#include "server/scheduling/clock.hpp"

namespace emu::scheduling {

instant real_clock::now() const {
    return std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
}

scaled_clock::scaled_clock(double scale)
    : scale_(scale)
    , start_(real_clock{}.now())
    , steady_start_(std::chrono::steady_clock::now()) {}

instant scaled_clock::now() const {
    const auto elapsed =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - steady_start_);
    return start_ + duration{static_cast<std::int64_t>(elapsed.count() * scale_)};
}

std::chrono::nanoseconds scaled_clock::real_delay(duration emulated) const {
    return std::chrono::nanoseconds{
        static_cast<std::int64_t>(static_cast<double>(emulated.count()) * 1000.0 / scale_)};
}

instant skipping_clock::now() const {
    return real_clock{}.now() + duration{skipped_us_.load()};
}

void skipping_clock::jump_to(instant to) {
    const auto ahead = (to - now()).count();
    if (ahead > 0) {
        skipped_us_.fetch_add(ahead);
    }
}

instant manual_clock::now() const {
    return instant{duration{now_us_.load()}};
}

void manual_clock::advance(duration by) {
    now_us_.fetch_add(by.count());
}

void manual_clock::set(instant to) {
    now_us_.store(to.time_since_epoch().count());
}

} // namespace emu::scheduling
