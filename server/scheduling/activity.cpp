#include "server/scheduling/activity.hpp"

namespace emu::scheduling {
namespace {

std::int64_t steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

activity::scope::scope(activity& tracked)
    : tracked_(tracked) {
    tracked_.in_flight_.fetch_add(1);
    tracked_.touch();
}

activity::scope::~scope() {
    tracked_.touch();
    tracked_.in_flight_.fetch_sub(1);
}

void activity::touch() {
    last_change_ns_.store(steady_ns());
}

bool activity::idle_for(std::chrono::steady_clock::duration grace) const {
    return in_flight_.load() == 0 &&
           steady_ns() - last_change_ns_.load() >=
               std::chrono::duration_cast<std::chrono::nanoseconds>(grace).count();
}

} // namespace emu::scheduling
