#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <openssl/types.h>
#include <optional>
#include <string>
#include <string_view>

namespace emu::webhooks {

// An RSA key pair that signs webhook bodies. Thread-safe after construction.
class signing_key {
public:
    // Loads an unencrypted RSA private key (PKCS#8 or traditional "RSA PRIVATE KEY") of at least
    // 2048 bits from a PEM file. Throws std::runtime_error naming the file and OpenSSL's reason.
    static signing_key from_pem_file(const std::filesystem::path& path);

    // Same from PEM text; `origin` names the source in error messages.
    static signing_key from_pem(std::string_view pem, std::string_view origin);

    // A fresh 2048-bit key (takes 50-500 ms).
    static signing_key generate();

    // Lowercase hex of the RSA PKCS#1 v1.5 SHA-256 signature of `bytes`.
    std::string sign_hex(std::string_view bytes) const;

    // The public key as "-----BEGIN PUBLIC KEY-----" PEM (SubjectPublicKeyInfo).
    std::string public_key_pem() const;

private:
    // Frees an EVP_PKEY.
    struct key_deleter {
        void operator()(EVP_PKEY* key) const noexcept;
    };

    using key_ptr = std::unique_ptr<EVP_PKEY, key_deleter>;

    explicit signing_key(key_ptr key);

    // Reads and checks the private key of a PEM stream; `origin` names it in errors.
    static signing_key from_bio(BIO& pem, std::string_view origin);

    // Never modified after construction: OpenSSL allows concurrent signing with a shared key.
    key_ptr key_;
};

// Supplies the webhook signing key: loaded from a PEM file at construction (so a bad file fails
// at start-up), or else generated on first use, since most emulators never send a webhook.
class signing_key_source {
public:
    explicit signing_key_source(const std::optional<std::filesystem::path>& pem_file = {});

    // The key, generated on the first call when no file was given. Thread-safe.
    const signing_key& key();

private:
    std::mutex mutex_;
    std::optional<signing_key> key_;
};

} // namespace emu::webhooks
