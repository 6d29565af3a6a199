#pragma once

#include <string>

namespace emu::testing {

// A certificate and its private key, both PEM.
struct pem_pair {
    std::string cert;
    std::string key;
};

// A fresh self-signed certificate (ECDSA P-256, valid from an hour ago for a day) for
// CN=localhost with subject alternative names localhost and 127.0.0.1. The certificate doubles
// as the CA a client trusts. Throws std::runtime_error when OpenSSL fails.
pem_pair make_self_signed_cert();

} // namespace emu::testing
