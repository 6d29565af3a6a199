#include "tests/integration/support/signature_check.hpp"

#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <vector>

namespace emu::testing {

bool signature_verifies(std::string_view public_pem,
                        std::string_view body,
                        std::string_view hex_signature) {
    if (hex_signature.size() % 2 != 0) {
        return false;
    }
    std::vector<unsigned char> signature;
    for (std::size_t i = 0; i < hex_signature.size(); i += 2) {
        const auto nibble = [](char c) -> int {
            return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        };
        const int high = nibble(hex_signature[i]);
        const int low = nibble(hex_signature[i + 1]);
        if (high < 0 || low < 0) {
            return false;
        }
        signature.push_back(static_cast<unsigned char>(high * 16 + low));
    }
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
                            reinterpret_cast<const unsigned char*>(body.data()),
                            body.size()) == 1;
}

} // namespace emu::testing
