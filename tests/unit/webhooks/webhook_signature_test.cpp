// webhook_signature: what each scheme signs, checked with OpenSSL through the integration tests'
// signature check (body_bytes verifies RSA-SHA256 over whatever bytes it is given).
#include "server/webhooks/webhook_signature.hpp"
#include "tests/integration/support/signature_check.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace {

using emu::testing::signature_procedure;
using emu::webhooks::signature_scheme;
using emu::webhooks::signing_key;

const signing_key& shared_key() {
    static const signing_key key = signing_key::generate();
    return key;
}

// True when `hex` is an RSA PKCS#1 v1.5 SHA-256 signature of `bytes`.
bool signs(std::string_view bytes, const std::string& hex) {
    return emu::testing::signature_verifies(
        shared_key().public_key_pem(), bytes, hex, signature_procedure::body_bytes);
}

// A v2 body as edenmock sends it: 2-space indented.
const std::string body = "{\n  \"public_id\": \"0d6a1a2e\",\n  \"status\": \"finished\"\n}";

// hashlib.sha256(body.encode()).hexdigest(), by python3.
const std::string body_sha256 = "2f1b24bbd72a74dd662f1aea52442cf26dcdf7e8e14c9fa461179d87e629ed11";

} // namespace

BOOST_AUTO_TEST_SUITE(webhook_signature)

BOOST_AUTO_TEST_CASE(digest_signs_the_64_hex_digits_of_the_bodys_sha256) {
    const auto signature =
        emu::webhooks::webhook_signature(shared_key(), body, signature_scheme::digest);
    BOOST_TEST(signs(body_sha256, signature));
    BOOST_TEST(!signs(body, signature));
    // Eden's receiver, re-serializing the parsed body as it was sent, accepts it.
    BOOST_TEST(emu::testing::signature_verifies(
        shared_key().public_key_pem(), body, signature, signature_procedure::eden_v2));
}

BOOST_AUTO_TEST_CASE(body_signs_the_body_bytes) {
    const auto signature =
        emu::webhooks::webhook_signature(shared_key(), body, signature_scheme::body);
    BOOST_TEST(signs(body, signature));
    BOOST_TEST(!signs(body_sha256, signature));
}

BOOST_AUTO_TEST_CASE(the_schemes_have_their_flag_names) {
    BOOST_TEST(emu::webhooks::signature_scheme_names(signature_scheme::digest) == "digest");
    BOOST_TEST((emu::webhooks::signature_scheme_names.parse("body") == signature_scheme::body));
    BOOST_TEST(!emu::webhooks::signature_scheme_names.parse("bytes"));
}

BOOST_AUTO_TEST_SUITE_END()
