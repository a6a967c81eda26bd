#include "telephony/pbx_signatures.hpp"

#include <sodium.h>

#include "telephony/call_ingestion.hpp"

namespace voronka::telephony {

std::string MangoSign(std::string_view api_key, std::string_view json, std::string_view salt) {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    for (const std::string_view part : {api_key, json, salt}) {
        crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

bool MangoSignMatches(std::string_view api_key, std::string_view json, std::string_view salt,
                      std::string_view sign) {
    return SignatureMatches(MangoSign(api_key, json, salt), sign);
}

}  // namespace voronka::telephony
