#include "tests/integration/support/signature_check.hpp"

#include "server/wire/json_writer.hpp"

#include <boost/json/parse.hpp>

#include <array>
#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <optional>
#include <string>
#include <vector>

namespace emu::testing {
namespace {

std::optional<std::vector<unsigned char>> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) {
        return std::nullopt;
    }
    const auto nibble = [](char c) -> int {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    };
    std::vector<unsigned char> bytes;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = nibble(hex[i]);
        const int low = nibble(hex[i + 1]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        bytes.push_back(static_cast<unsigned char>(high * 16 + low));
    }
    return bytes;
}

// hashlib.sha256(bytes).hexdigest().
std::string sha256_hexdigest(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr);
    constexpr std::string_view digits = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < size; ++i) {
        hex += digits[digest[i] / 16u];
        hex += digits[digest[i] % 16u];
    }
    return hex;
}

// RSA PKCS#1 v1.5 SHA-256 verification of `message`.
bool rsa_sha256_verifies(std::string_view public_pem,
                         std::string_view message,
                         const std::vector<unsigned char>& signature) {
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio{
        BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size())), &BIO_free};
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{
        PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free};
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context{EVP_MD_CTX_new(),
                                                                          &EVP_MD_CTX_free};
    if (!key || !context ||
        EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1) {
        return false;
    }
    return EVP_DigestVerify(context.get(),
                            signature.data(),
                            signature.size(),
                            reinterpret_cast<const unsigned char*>(message.data()),
                            message.size()) == 1;
}

// The body as the procedure's receiver re-serializes it before hashing; nullopt if not JSON.
std::optional<std::string> reserialized(std::string_view body, signature_procedure procedure) {
    boost::system::error_code ec;
    const auto parsed = boost::json::parse(body, ec);
    if (ec) {
        return std::nullopt;
    }
    return procedure == signature_procedure::eden_v3 ? json_text::canonical(parsed)
                                                     : json_text::indented(parsed);
}

} // namespace

bool signature_verifies(std::string_view public_pem,
                        std::string_view body,
                        std::string_view hex_signature,
                        signature_procedure procedure) {
    const auto signature = from_hex(hex_signature);
    if (!signature) {
        return false;
    }
    if (procedure == signature_procedure::body_bytes) {
        return rsa_sha256_verifies(public_pem, body, *signature);
    }
    const auto hashed = reserialized(body, procedure);
    return hashed && rsa_sha256_verifies(public_pem, sha256_hexdigest(*hashed), *signature);
}

} // namespace emu::testing
