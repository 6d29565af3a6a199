#include "server/scheduling/clock.hpp"

namespace emu::scheduling {

instant real_clock::now() const {
    return std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
}

instant manual_clock::now() const {
    return instant{duration{now_us_.load()}};
}

void manual_clock::advance(duration by) {
    now_us_.fetch_add(by.count());
}

} // namespace emu::scheduling
