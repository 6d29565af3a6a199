// address_ranges: which addresses --webhook-strict counts as non-public.
#include "server/webhooks/address_ranges.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

using emu::webhooks::non_public_kind;

BOOST_AUTO_TEST_SUITE(address_ranges)

BOOST_AUTO_TEST_CASE(each_range_has_its_kind_up_to_its_edges) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"0.0.0.0", "unspecified"},     {"0.255.255.255", "unspecified"},
        {"127.0.0.1", "loopback"},      {"127.255.255.254", "loopback"},
        {"10.0.0.1", "private"},        {"10.255.255.255", "private"},
        {"172.16.0.1", "private"},      {"172.31.255.255", "private"},
        {"192.168.1.1", "private"},     {"169.254.169.254", "link-local"},
        {"100.64.0.1", "CGNAT"},        {"100.127.255.255", "CGNAT"},
        {"::", "unspecified"},          {"::1", "loopback"},
        {"fc00::1", "private"},         {"fdff:ffff::1", "private"},
        {"fec0::1", "private"},         {"fe80::1", "link-local"},
        {"febf::1", "link-local"},      {"::ffff:127.0.0.1", "loopback"},
        {"::ffff:10.1.2.3", "private"},
    };
    for (const auto& [address, kind] : cases) {
        BOOST_TEST(std::string{non_public_kind(address)} == kind, address);
    }
}

BOOST_AUTO_TEST_CASE(public_addresses_and_names_have_none) {
    for (const auto* host : {"1.1.1.1",
                             "9.255.255.255",
                             "11.0.0.0",
                             "172.15.255.255",
                             "172.32.0.0",
                             "192.167.255.255",
                             "100.63.255.255",
                             "100.128.0.0",
                             "128.0.0.1",
                             "169.253.0.1",
                             "2001:4860:4860::8888",
                             "::ffff:8.8.8.8",
                             "fbff::1",
                             "ff02::1",
                             "localhost",
                             "hooks.example"}) {
        BOOST_TEST(non_public_kind(host).empty(), host);
    }
}

BOOST_AUTO_TEST_SUITE_END()
