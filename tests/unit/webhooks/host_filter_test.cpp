// host_filter: which receiver hosts --webhook-allow and --webhook-deny let deliveries go to, and
// what --webhook-strict refuses before any name is resolved.
#include "server/webhooks/host_filter.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu;

BOOST_AUTO_TEST_SUITE(host_filter)

BOOST_AUTO_TEST_CASE(without_lists_every_host_may_receive) {
    const webhooks::host_filter open{{}, {}};
    BOOST_TEST(open.refusal("https://anything.example/hook").empty());
    BOOST_TEST(open.refusal("http://127.0.0.1:9/x").empty());
}

BOOST_AUTO_TEST_CASE(an_allow_list_refuses_every_host_it_does_not_match) {
    const webhooks::host_filter filter{{"*.internal", "127.0.0.1"}, {}};
    BOOST_TEST(filter.refusal("http://api.internal:8443/x").empty());
    BOOST_TEST(filter.refusal("http://a.b.internal/x").empty());
    BOOST_TEST(filter.refusal("http://127.0.0.1:9/x").empty());
    BOOST_TEST(filter.refusal("https://example.com/") ==
               "host example.com is not in --webhook-allow");
    BOOST_TEST(filter.refusal("http://internal/x") == "host internal is not in --webhook-allow");
}

BOOST_AUTO_TEST_CASE(a_deny_list_alone_refuses_only_what_it_matches) {
    const webhooks::host_filter filter{{}, {"*.evil.example"}};
    BOOST_TEST(filter.refusal("http://www.evil.example/x") ==
               "host www.evil.example is refused by --webhook-deny");
    BOOST_TEST(filter.refusal("http://good.example/x").empty());
}

BOOST_AUTO_TEST_CASE(deny_wins_over_allow) {
    const webhooks::host_filter filter{{"*.internal"}, {"secret.internal"}};
    BOOST_TEST(filter.refusal("http://secret.internal/x") ==
               "host secret.internal is refused by --webhook-deny");
    BOOST_TEST(filter.refusal("http://public.internal/x").empty());
}

BOOST_AUTO_TEST_CASE(hosts_and_globs_compare_case_insensitively) {
    const webhooks::host_filter filter{{"*.Internal"}, {"SECRET.internal"}};
    BOOST_TEST(filter.refusal("http://api.INTERNAL/x").empty());
    BOOST_TEST(filter.refusal("http://Secret.Internal/x") ==
               "host secret.internal is refused by --webhook-deny");
    BOOST_TEST(filter.refusal("http://Example.COM/") ==
               "host example.com is not in --webhook-allow");
}

BOOST_AUTO_TEST_CASE(the_glob_sees_the_host_only) {
    const webhooks::host_filter filter{{"hooks.example"}, {}};
    BOOST_TEST(filter.refusal("https://hooks.example:8443/path/with/hooks.example").empty());
    const webhooks::host_filter with_port{{"hooks.example:*"}, {}};
    BOOST_TEST(with_port.refusal("https://hooks.example:8443/") ==
               "host hooks.example is not in --webhook-allow");
}

BOOST_AUTO_TEST_CASE(ipv6_hosts_are_matched_without_brackets) {
    const webhooks::host_filter filter{{"::1"}, {"fe80:*"}};
    BOOST_TEST(filter.refusal("http://[::1]:9/x").empty());
    BOOST_TEST(filter.refusal("http://[fe80::2]/x") == "host fe80::2 is refused by --webhook-deny");
}

BOOST_AUTO_TEST_CASE(host_globs_have_the_common_glob_syntax) {
    const webhooks::host_filter filter{{"hook[0-9].example", "?.example"}, {"hook\\*.example"}};
    BOOST_TEST(filter.refusal("http://hook7.example/").empty());
    BOOST_TEST(filter.refusal("http://a.example/").empty());
    BOOST_TEST(filter.refusal("http://hookx.example/") ==
               "host hookx.example is not in --webhook-allow");
    BOOST_TEST(filter.refusal("http://ab.example/") == "host ab.example is not in --webhook-allow");
}

BOOST_AUTO_TEST_CASE(an_unparsable_url_is_left_for_the_sender_to_report) {
    const webhooks::host_filter filter{{"allowed.example"}, {"*"}};
    BOOST_TEST(filter.refusal("not a url").empty());
}

BOOST_AUTO_TEST_CASE(strict_refuses_every_scheme_but_https) {
    const webhooks::host_filter strict{{}, {}, true};
    BOOST_TEST(strict.refusal("http://hooks.example/x") ==
               "http:// receivers are refused by --webhook-strict: Eden delivers to https only");
    BOOST_TEST(strict.refusal("HTTP://hooks.example/x") ==
               "http:// receivers are refused by --webhook-strict: Eden delivers to https only");
    BOOST_TEST(strict.refusal("https://hooks.example/x").empty());
}

BOOST_AUTO_TEST_CASE(strict_refuses_non_public_address_literals_and_leaves_names_to_the_sender) {
    const webhooks::host_filter strict{{}, {}, true};
    BOOST_TEST(strict.refusal("https://127.0.0.1:8443/x") ==
               "host 127.0.0.1 is a loopback address, refused by --webhook-strict");
    BOOST_TEST(strict.refusal("https://[::1]/x") ==
               "host ::1 is a loopback address, refused by --webhook-strict");
    BOOST_TEST(strict.refusal("https://100.64.1.1/x") ==
               "host 100.64.1.1 is a CGNAT address, refused by --webhook-strict");
    BOOST_TEST(strict.refusal("https://169.254.169.254/latest/meta-data") ==
               "host 169.254.169.254 is a link-local address, refused by --webhook-strict");
    BOOST_TEST(strict.refusal("https://93.184.215.14/x").empty());
    BOOST_TEST(
        strict.refusal("https://localhost/x").empty()); // resolved, then checked, by the sender
}

BOOST_AUTO_TEST_CASE(without_strict_loopback_http_is_allowed) {
    const webhooks::host_filter open{{}, {}};
    BOOST_TEST(open.refusal("http://127.0.0.1:9/x").empty());
    BOOST_TEST(open.refusal("http://[::1]:9/x").empty());
}

BOOST_AUTO_TEST_CASE(the_lists_apply_before_strict) {
    const webhooks::host_filter filter{{}, {"127.*"}, true};
    BOOST_TEST(filter.refusal("https://127.0.0.1/x") ==
               "host 127.0.0.1 is refused by --webhook-deny");
}

BOOST_AUTO_TEST_SUITE_END()
