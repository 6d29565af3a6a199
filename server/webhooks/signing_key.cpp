#include "server/webhooks/signing_key.hpp"

#include "server/webhooks/hex_digest.hpp"

#include <algorithm>
#include <limits>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace emu::webhooks {

namespace {

constexpr int minimum_bits = 2048;

// Frees a BIO.
struct bio_deleter {
    void operator()(BIO* bio) const noexcept { BIO_free_all(bio); }
};

// Frees an EVP_MD_CTX.
struct md_ctx_deleter {
    void operator()(EVP_MD_CTX* context) const noexcept { EVP_MD_CTX_free(context); }
};

// Frees an EVP_PKEY_CTX.
struct pkey_ctx_deleter {
    void operator()(EVP_PKEY_CTX* context) const noexcept { EVP_PKEY_CTX_free(context); }
};

using bio_ptr = std::unique_ptr<BIO, bio_deleter>;
using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, md_ctx_deleter>;
using pkey_ctx_ptr = std::unique_ptr<EVP_PKEY_CTX, pkey_ctx_deleter>;

// One OpenSSL error code as "library: reason".
std::string describe(unsigned long code) {
    const char* library = ERR_lib_error_string(code);
    const char* reason = ERR_reason_error_string(code);
    std::string text = library != nullptr ? std::string{library} + ": " : std::string{};
    if (ERR_SYSTEM_ERROR(code)) {
        // System errors carry errno as their reason, which OpenSSL 3.0 does not name.
        return text + std::generic_category().message(ERR_GET_REASON(code));
    }
    return text + (reason != nullptr ? std::string{reason} : "error " + std::to_string(code));
}

// This thread's queued OpenSSL errors, oldest first and without repeats; drains the queue.
std::string openssl_reason() {
    std::vector<std::string> reasons;
    while (const unsigned long code = ERR_get_error()) {
        auto reason = describe(code);
        if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
            reasons.push_back(std::move(reason));
        }
    }
    std::string joined;
    for (const auto& reason : reasons) {
        joined += (joined.empty() ? "" : "; ") + reason;
    }
    return joined.empty() ? "unknown OpenSSL error" : joined;
}

[[noreturn]] void fail(std::string_view origin, const std::string& problem) {
    throw std::runtime_error{std::string{origin} + ": " + problem};
}

// Refuses encrypted keys: OpenSSL's default callback would prompt on the terminal.
int no_passphrase(char* /*buffer*/, int /*size*/, int /*writing*/, void* /*user*/) {
    return -1;
}

} // namespace

void signing_key::key_deleter::operator()(EVP_PKEY* key) const noexcept {
    EVP_PKEY_free(key);
}

signing_key::signing_key(key_ptr key)
    : key_(std::move(key)) {}

signing_key signing_key::from_pem_file(const std::filesystem::path& path) {
    ERR_clear_error();
    const bio_ptr file{BIO_new_file(path.c_str(), "r")};
    if (!file) {
        fail(path.string(), "cannot open the webhook key file: " + openssl_reason());
    }
    return from_bio(*file, path.string());
}

signing_key signing_key::from_pem(std::string_view pem, std::string_view origin) {
    if (pem.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        fail(origin, "PEM text too large");
    }
    ERR_clear_error();
    const bio_ptr text{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
    if (!text) {
        fail(origin, openssl_reason());
    }
    return from_bio(*text, origin);
}

signing_key signing_key::from_bio(BIO& pem, std::string_view origin) {
    key_ptr key{PEM_read_bio_PrivateKey(&pem, nullptr, no_passphrase, nullptr)};
    if (!key) {
        fail(origin,
             "expected an unencrypted PEM private key (PRIVATE KEY or RSA PRIVATE KEY): " +
                 openssl_reason());
    }
    if (EVP_PKEY_is_a(key.get(), "RSA") != 1) {
        const char* type = EVP_PKEY_get0_type_name(key.get());
        fail(origin,
             std::string{"webhook signing needs an RSA key, not "} +
                 (type != nullptr ? type : "this key type"));
    }
    if (const int bits = EVP_PKEY_get_bits(key.get()); bits < minimum_bits) {
        fail(origin,
             "the RSA key has " + std::to_string(bits) + " bits; webhook signing needs " +
                 std::to_string(minimum_bits) + " or more");
    }
    return signing_key{std::move(key)};
}

signing_key signing_key::generate() {
    ERR_clear_error();
    const pkey_ctx_ptr context{EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr)};
    EVP_PKEY* generated = nullptr;
    if (!context || EVP_PKEY_keygen_init(context.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_keygen_bits(context.get(), minimum_bits) != 1 ||
        EVP_PKEY_generate(context.get(), &generated) != 1) {
        fail("webhook signing key", "cannot generate an RSA key: " + openssl_reason());
    }
    return signing_key{key_ptr{generated}};
}

std::string signing_key::sign_hex(std::string_view bytes) const {
    ERR_clear_error();
    const md_ctx_ptr context{EVP_MD_CTX_new()};
    EVP_PKEY_CTX* key_context = nullptr; // owned by `context`
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t size = 0;
    if (!context ||
        EVP_DigestSignInit_ex(
            context.get(), &key_context, "SHA256", nullptr, nullptr, key_.get(), nullptr) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(key_context, RSA_PKCS1_PADDING) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &size, data, bytes.size()) != 1) {
        fail("webhook signing", openssl_reason());
    }
    std::vector<unsigned char> signature(size);
    if (EVP_DigestSign(context.get(), signature.data(), &size, data, bytes.size()) != 1) {
        fail("webhook signing", openssl_reason());
    }
    return lower_hex(std::span{signature.data(), size});
}

namespace {

// What `write` puts into a memory BIO, as text; `what` names it in errors.
template <typename Write>
std::string pem_text(std::string_view what, Write&& write) {
    ERR_clear_error();
    const bio_ptr out{BIO_new(BIO_s_mem())};
    if (!out || write(out.get()) != 1) {
        fail(what, openssl_reason());
    }
    std::string pem(BIO_ctrl_pending(out.get()), '\0');
    if (BIO_read(out.get(), pem.data(), static_cast<int>(pem.size())) !=
        static_cast<int>(pem.size())) {
        fail(what, "short read from OpenSSL memory BIO");
    }
    return pem;
}

} // namespace

std::string signing_key::public_key_pem() const {
    return pem_text("webhook public key",
                    [this](BIO* out) { return PEM_write_bio_PUBKEY(out, key_.get()); });
}

std::string signing_key::private_key_pem() const {
    return pem_text("webhook private key", [this](BIO* out) {
        return PEM_write_bio_PrivateKey(out, key_.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
}

signing_key_source::signing_key_source(const std::optional<std::filesystem::path>& pem_file) {
    if (pem_file) {
        key_.emplace(signing_key::from_pem_file(*pem_file));
    }
}

void signing_key_source::use_saved(std::string_view pem) {
    std::lock_guard lock{mutex_};
    if (!key_) {
        key_.emplace(signing_key::from_pem(pem, "the --state file's webhook key"));
        generated_ = true;
    }
}

void signing_key_source::on_generate(std::function<void()> callback) {
    std::lock_guard lock{mutex_};
    on_generate_ = std::move(callback);
}

std::optional<std::string> signing_key_source::generated_pem() {
    std::lock_guard lock{mutex_};
    return key_ && generated_ ? std::optional{key_->private_key_pem()} : std::nullopt;
}

const signing_key& signing_key_source::key() {
    // A mutex rather than std::call_once: generation can throw, and libstdc++'s call_once is not
    // exception-safe on every target (gcc.gnu.org/bugzilla/show_bug.cgi?id=66146).
    std::lock_guard lock{mutex_};
    if (!key_) {
        key_.emplace(signing_key::generate());
        generated_ = true;
        if (on_generate_) {
            on_generate_();
        }
    }
    return *key_;
}

} // namespace emu::webhooks
