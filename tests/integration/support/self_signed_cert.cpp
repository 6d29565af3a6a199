#include "tests/integration/support/self_signed_cert.hpp"

#include <functional>
#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdexcept>

namespace emu::testing {
namespace {

// Frees an OpenSSL object with its own free function.
template <class T, void (*Free)(T*)>
struct openssl_deleter {
    void operator()(T* object) const noexcept { Free(object); }
};

using bio_ptr = std::unique_ptr<BIO, openssl_deleter<BIO, BIO_free_all>>;
using pkey_ptr = std::unique_ptr<EVP_PKEY, openssl_deleter<EVP_PKEY, EVP_PKEY_free>>;
using x509_ptr = std::unique_ptr<X509, openssl_deleter<X509, X509_free>>;
using extension_ptr =
    std::unique_ptr<X509_EXTENSION, openssl_deleter<X509_EXTENSION, X509_EXTENSION_free>>;

void check(bool ok, const char* step) {
    if (!ok) {
        throw std::runtime_error(std::string{"self-signed certificate: "} + step + " failed");
    }
}

void add_extension(X509* cert, int nid, const char* value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
    const extension_ptr extension{X509V3_EXT_conf_nid(nullptr, &context, nid, value)};
    check(extension != nullptr && X509_add_ext(cert, extension.get(), -1) == 1, value);
}

std::string pem_of(const std::function<int(BIO*)>& write) {
    const bio_ptr bio{BIO_new(BIO_s_mem())};
    check(bio != nullptr && write(bio.get()) == 1, "PEM encoding");
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

} // namespace

pem_pair make_self_signed_cert() {
    const pkey_ptr key{EVP_EC_gen("P-256")};
    check(key != nullptr, "key generation");
    const x509_ptr cert{X509_new()};
    check(cert != nullptr, "X509_new");
    check(X509_set_version(cert.get(), X509_VERSION_3) == 1, "version");
    check(ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1) == 1, "serial number");
    check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr, "not before");
    check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400) != nullptr, "not after");
    X509_NAME* name = X509_get_subject_name(cert.get());
    check(X509_NAME_add_entry_by_txt(name,
                                     "CN",
                                     MBSTRING_ASC,
                                     reinterpret_cast<const unsigned char*>("localhost"),
                                     -1,
                                     -1,
                                     0) == 1,
          "subject");
    check(X509_set_issuer_name(cert.get(), name) == 1, "issuer");
    check(X509_set_pubkey(cert.get(), key.get()) == 1, "public key");
    add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), NID_subject_key_identifier, "hash");
    add_extension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
    check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "signing");
    pem_pair pair;
    pair.cert = pem_of([&](BIO* bio) { return PEM_write_bio_X509(bio, cert.get()); });
    pair.key = pem_of([&](BIO* bio) {
        return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    return pair;
}

} // namespace emu::testing
