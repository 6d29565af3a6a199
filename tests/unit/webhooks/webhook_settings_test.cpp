#include "server/webhooks/webhook_settings.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu::webhooks;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(webhook_settings_rules)

BOOST_AUTO_TEST_CASE(retry_delays_double_up_to_the_cap) {
    const webhook_settings settings; // 1 s, capped at 30 s
    BOOST_TEST(retry_delay(settings, 1).count() == std::chrono::microseconds{1s}.count());
    BOOST_TEST(retry_delay(settings, 2).count() == std::chrono::microseconds{2s}.count());
    BOOST_TEST(retry_delay(settings, 3).count() == std::chrono::microseconds{4s}.count());
    BOOST_TEST(retry_delay(settings, 5).count() == std::chrono::microseconds{16s}.count());
    BOOST_TEST(retry_delay(settings, 6).count() == std::chrono::microseconds{30s}.count());
    BOOST_TEST(retry_delay(settings, 100).count() == std::chrono::microseconds{30s}.count());
}

BOOST_AUTO_TEST_SUITE_END()
