// Webhook signatures, checked with OpenSSL directly (not through signing_key's own code path):
// keys written by the test in both PEM formats, refused key files, and the lazy key source.
#include "server/webhooks/signing_key.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

using emu::webhooks::signing_key;
using emu::webhooks::signing_key_source;

// Frees the OpenSSL objects the tests hold.
struct openssl_free {
    void operator()(BIO* bio) const noexcept { BIO_free_all(bio); }

    void operator()(EVP_MD_CTX* context) const noexcept { EVP_MD_CTX_free(context); }

    void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }

    void operator()(EVP_PKEY_CTX* context) const noexcept { EVP_PKEY_CTX_free(context); }
};

template <typename T>
using owned = std::unique_ptr<T, openssl_free>;

// A folder for key files that lives as long as the test.
struct key_folder {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("edenmock-keys-" + std::to_string(::getpid()) + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));

    key_folder() { std::filesystem::create_directories(path); }

    ~key_folder() { std::filesystem::remove_all(path); }

    std::filesystem::path write(const std::string& name, const std::string& text) const {
        std::ofstream{path / name, std::ios::binary} << text;
        return path / name;
    }
};

// The signing key most cases share: generating one takes up to half a second.
const signing_key& shared_key() {
    static const signing_key key = signing_key::generate();
    return key;
}

// A key made by the test itself with OpenSSL; `group` is set for EC keys, `bits` for RSA ones.
owned<EVP_PKEY> make_key(const char* type, int bits, const char* group = nullptr) {
    const owned<EVP_PKEY_CTX> context{EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr)};
    BOOST_REQUIRE(context);
    BOOST_REQUIRE(EVP_PKEY_keygen_init(context.get()) == 1);
    if (group != nullptr) {
        BOOST_REQUIRE(EVP_PKEY_CTX_set_group_name(context.get(), group) == 1);
    } else {
        BOOST_REQUIRE(EVP_PKEY_CTX_set_rsa_keygen_bits(context.get(), bits) == 1);
    }
    EVP_PKEY* key = nullptr;
    BOOST_REQUIRE(EVP_PKEY_generate(context.get(), &key) == 1);
    return owned<EVP_PKEY>{key};
}

// The test's own 2048-bit RSA key, whose private half it can write out.
EVP_PKEY* test_rsa_key() {
    static const owned<EVP_PKEY> key = make_key("RSA", 2048);
    return key.get();
}

enum class pem_form { pkcs8, traditional, encrypted_pkcs8, public_key };

// `key` in PEM form, written by OpenSSL.
std::string pem_of(EVP_PKEY* key, pem_form form) {
    const owned<BIO> out{BIO_new(BIO_s_mem())};
    BOOST_REQUIRE(out);
    int written = 0;
    switch (form) {
    case pem_form::pkcs8:
        written = PEM_write_bio_PrivateKey(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
        break;
    case pem_form::traditional:
        written = PEM_write_bio_PrivateKey_traditional(
            out.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
        break;
    case pem_form::encrypted_pkcs8:
        written = PEM_write_bio_PKCS8PrivateKey(
            out.get(), key, EVP_aes_256_cbc(), "secret", 6, nullptr, nullptr);
        break;
    case pem_form::public_key:
        written = PEM_write_bio_PUBKEY(out.get(), key);
        break;
    }
    BOOST_REQUIRE(written == 1);
    std::string pem(BIO_ctrl_pending(out.get()), '\0');
    BOOST_REQUIRE(BIO_read(out.get(), pem.data(), static_cast<int>(pem.size())) ==
                  static_cast<int>(pem.size()));
    return pem;
}

std::vector<unsigned char> from_hex(std::string_view hex) {
    BOOST_REQUIRE(hex.size() % 2 == 0);
    std::vector<unsigned char> bytes;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        unsigned value = 0;
        const auto [end, error] = std::from_chars(&hex[i], &hex[i] + 2, value, 16);
        BOOST_REQUIRE((error == std::errc{} && end == &hex[i] + 2));
        bytes.push_back(static_cast<unsigned char>(value));
    }
    return bytes;
}

// True when `hex` is an RSA PKCS#1 v1.5 SHA-256 signature of `body` by the key in `public_pem`.
bool verifies(const std::string& public_pem, std::string_view body, std::string_view hex) {
    const owned<BIO> in{BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size()))};
    const owned<EVP_PKEY> key{PEM_read_bio_PUBKEY(in.get(), nullptr, nullptr, nullptr)};
    BOOST_REQUIRE(key);
    const owned<EVP_MD_CTX> context{EVP_MD_CTX_new()};
    EVP_PKEY_CTX* key_context = nullptr;
    BOOST_REQUIRE(
        EVP_DigestVerifyInit_ex(
            context.get(), &key_context, "SHA256", nullptr, nullptr, key.get(), nullptr) == 1);
    BOOST_REQUIRE(EVP_PKEY_CTX_set_rsa_padding(key_context, RSA_PKCS1_PADDING) == 1);
    const auto signature = from_hex(hex);
    const int verdict = EVP_DigestVerify(context.get(),
                                         signature.data(),
                                         signature.size(),
                                         reinterpret_cast<const unsigned char*>(body.data()),
                                         body.size());
    ERR_clear_error();
    return verdict == 1;
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

const std::string body = R"({"public_id":"0d6a1a2e","status":"finished","results":{}})";

} // namespace

BOOST_AUTO_TEST_SUITE(webhook_signing)

BOOST_AUTO_TEST_CASE(signature_verifies_with_the_published_public_key) {
    const auto& key = shared_key();
    const auto public_pem = key.public_key_pem();
    BOOST_TEST(public_pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    BOOST_TEST(public_pem.ends_with("-----END PUBLIC KEY-----\n"));
    BOOST_TEST(verifies(public_pem, body, key.sign_hex(body)));
}

BOOST_AUTO_TEST_CASE(signs_the_exact_bytes_including_empty_and_binary_bodies) {
    const auto& key = shared_key();
    const std::string binary{"a\0b\xff\xfe\n", 6};
    BOOST_TEST(verifies(key.public_key_pem(), "", key.sign_hex("")));
    BOOST_TEST(verifies(key.public_key_pem(), binary, key.sign_hex(binary)));
    BOOST_TEST(!verifies(key.public_key_pem(), "a", key.sign_hex(binary)));
}

BOOST_AUTO_TEST_CASE(tampering_fails_verification) {
    const auto& key = shared_key();
    const auto signature = key.sign_hex(body);
    auto tampered_body = body;
    tampered_body[tampered_body.find("finished")] = 'F';
    BOOST_TEST(!verifies(key.public_key_pem(), tampered_body, signature));
    BOOST_TEST(!verifies(key.public_key_pem(), body + " ", signature));

    auto tampered_signature = signature;
    tampered_signature[100] = tampered_signature[100] == '0' ? '1' : '0';
    BOOST_TEST(!verifies(key.public_key_pem(), body, tampered_signature));

    BOOST_TEST(!verifies(pem_of(test_rsa_key(), pem_form::public_key), body, signature));
}

BOOST_AUTO_TEST_CASE(signature_is_512_lowercase_hex_digits_for_2048_bits) {
    const auto signature = shared_key().sign_hex(body);
    BOOST_TEST(signature.size() == 512u);
    BOOST_TEST(std::all_of(signature.begin(), signature.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }));
}

BOOST_AUTO_TEST_CASE(signing_is_deterministic) {
    const auto& key = shared_key();
    BOOST_TEST(key.sign_hex(body) == key.sign_hex(body));
    BOOST_TEST(key.sign_hex(body) != key.sign_hex(body + "\n"));
}

BOOST_AUTO_TEST_CASE(loads_pkcs8_and_traditional_pem_files) {
    const key_folder folder;
    const auto expected_public = pem_of(test_rsa_key(), pem_form::public_key);
    const auto pkcs8 = pem_of(test_rsa_key(), pem_form::pkcs8);
    const auto traditional = pem_of(test_rsa_key(), pem_form::traditional);
    BOOST_REQUIRE(pkcs8.starts_with("-----BEGIN PRIVATE KEY-----"));
    BOOST_REQUIRE(traditional.starts_with("-----BEGIN RSA PRIVATE KEY-----"));

    for (const auto& [name, pem] :
         {std::pair{"pkcs8.pem", pkcs8}, {"traditional.pem", traditional}}) {
        BOOST_TEST_CONTEXT(name) {
            const auto key = signing_key::from_pem_file(folder.write(name, pem));
            BOOST_TEST(key.public_key_pem() == expected_public);
            BOOST_TEST(verifies(expected_public, body, key.sign_hex(body)));
        }
    }
}

BOOST_AUTO_TEST_CASE(loads_pem_text) {
    const auto key = signing_key::from_pem(pem_of(test_rsa_key(), pem_form::pkcs8), "inline");
    BOOST_TEST(key.public_key_pem() == pem_of(test_rsa_key(), pem_form::public_key));
}

BOOST_AUTO_TEST_CASE(refuses_unusable_key_files_naming_them) {
    const key_folder folder;
    const auto ec_key = make_key("EC", 0, "P-256");
    const auto small_key = make_key("RSA", 1024);

    struct refused {
        std::string name;
        std::optional<std::string> contents; // no file when empty
        std::string reason;
    };

    const std::vector<refused> cases{
        {"missing.pem", std::nullopt, "No such file"},
        {"garbage.pem", "this is not a key\n", "expected an unencrypted PEM private key"},
        {"public.pem",
         pem_of(test_rsa_key(), pem_form::public_key),
         "expected an unencrypted PEM private key"},
        {"encrypted.pem",
         pem_of(test_rsa_key(), pem_form::encrypted_pkcs8),
         "expected an unencrypted PEM private key"},
        {"ec.pem", pem_of(ec_key.get(), pem_form::pkcs8), "needs an RSA key, not EC"},
        {"small.pem", pem_of(small_key.get(), pem_form::pkcs8), "has 1024 bits"},
    };
    for (const auto& refusal : cases) {
        BOOST_TEST_CONTEXT(refusal.name) {
            const auto path = refusal.contents ? folder.write(refusal.name, *refusal.contents)
                                               : folder.path / refusal.name;
            BOOST_CHECK_EXCEPTION(signing_key::from_pem_file(path),
                                  std::runtime_error,
                                  [&](const std::runtime_error& error) {
                                      BOOST_TEST_MESSAGE(error.what());
                                      return contains(error.what(), path.string()) &&
                                             contains(error.what(), refusal.reason);
                                  });
        }
    }
}

BOOST_AUTO_TEST_CASE(source_generates_one_key_on_first_use_even_when_asked_concurrently) {
    signing_key_source source;
    std::vector<const signing_key*> seen(4);
    {
        std::vector<std::jthread> threads;
        for (auto& slot : seen) {
            threads.emplace_back([&source, &slot] { slot = &source.key(); });
        }
    }
    BOOST_TEST(std::count(seen.begin(), seen.end(), seen.front()) == 4);
    BOOST_TEST(&source.key() == seen.front());
    BOOST_TEST(source.key().public_key_pem() == seen.front()->public_key_pem());
    BOOST_TEST(verifies(source.key().public_key_pem(), body, source.key().sign_hex(body)));
}

BOOST_AUTO_TEST_CASE(source_loads_the_given_file_in_its_constructor) {
    const key_folder folder;
    const auto path = folder.write("key.pem", pem_of(test_rsa_key(), pem_form::traditional));
    signing_key_source source{path};
    std::filesystem::remove(path);
    BOOST_TEST(source.key().public_key_pem() == pem_of(test_rsa_key(), pem_form::public_key));
}

BOOST_AUTO_TEST_CASE(source_with_a_bad_file_throws_from_its_constructor) {
    const key_folder folder;
    const auto path = folder.path / "missing.pem";
    BOOST_CHECK_EXCEPTION(
        signing_key_source{path}, std::runtime_error, [&](const std::runtime_error& error) {
            return contains(error.what(), path.string());
        });
}

BOOST_AUTO_TEST_SUITE_END()
