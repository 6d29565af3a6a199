// hex_digest: lowercase hex, and SHA-256 as Python's hashlib writes it.
#include "server/webhooks/hex_digest.hpp"

#include <boost/test/unit_test.hpp>

#include <array>

BOOST_AUTO_TEST_SUITE(hex_digest)

BOOST_AUTO_TEST_CASE(lower_hex_writes_two_digits_a_byte) {
    const std::array<unsigned char, 4> bytes{0x00, 0x0f, 0xa0, 0xff};
    BOOST_TEST(emu::webhooks::lower_hex(bytes) == "000fa0ff");
    BOOST_TEST(emu::webhooks::lower_hex({}).empty());
}

BOOST_AUTO_TEST_CASE(sha256_hex_is_hashlibs_hexdigest) {
    // hashlib.sha256(b"").hexdigest(), and of b"abc" (FIPS 180-2's example).
    BOOST_TEST(emu::webhooks::sha256_hex("") ==
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(emu::webhooks::sha256_hex("abc") ==
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_SUITE_END()
