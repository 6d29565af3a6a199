#include "server/webhooks/host_filter.hpp"
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

BOOST_AUTO_TEST_CASE(host_filter_allows_denies_and_ignores_case) {
    const host_filter open{{}, {}};
    BOOST_TEST(open.refusal("https://anything.example/hook").empty());
    const host_filter filter{{"*.Internal", "127.0.0.1", "::1"}, {"secret.internal"}};
    BOOST_TEST(filter.refusal("http://api.INTERNAL:8443/x").empty());
    BOOST_TEST(filter.refusal("http://127.0.0.1:9/x").empty());
    BOOST_TEST(filter.refusal("http://[::1]:9/x").empty());
    BOOST_TEST(filter.refusal("http://secret.internal/x") ==
               "host secret.internal is refused by --webhook-deny");
    BOOST_TEST(filter.refusal("https://example.com/") ==
               "host example.com is not in --webhook-allow");
}

BOOST_AUTO_TEST_SUITE_END()
