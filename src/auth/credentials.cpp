#include "auth/credentials.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace voronka::auth {
namespace {

constexpr std::string_view kSessionPrefix = "vs_";
constexpr std::string_view kApiTokenPrefix = "vk_";
// OWASP Password Storage Cheat Sheet, argon2id: m = 19 MiB, t = 2, p = 1.
constexpr unsigned long long kPasswordPasses = 2;
constexpr std::size_t kPasswordMemory = 19 * 1024 * 1024;

void EnsureSodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

std::string HashPassword(std::string_view password) {
    EnsureSodium();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kPasswordPasses, kPasswordMemory,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("password hashing ran out of memory");
    }
    return out.data();
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
    EnsureSodium();
    const std::string hash_copy(hash);  // libsodium wants a NUL-terminated string
    return crypto_pwhash_str_verify(hash_copy.c_str(), password.data(), password.size()) == 0;
}

void VerifyNothing(std::string_view password) {
    static const std::string dummy = HashPassword("voronka-timing-equaliser");
    VerifyPassword(dummy, password);
}

std::string NewToken(TokenKind kind) {
    EnsureSodium();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> text{};
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return std::string(kind == TokenKind::kSession ? kSessionPrefix : kApiTokenPrefix) + text.data();
}

bool TokenKindOf(std::string_view token, TokenKind& kind) {
    if (token.starts_with(kSessionPrefix)) {
        kind = TokenKind::kSession;
        return true;
    }
    if (token.starts_with(kApiTokenPrefix)) {
        kind = TokenKind::kApiToken;
        return true;
    }
    return false;
}

std::string TokenHash(std::string_view token) {
    EnsureSodium();
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return hex.data();
}

}  // namespace voronka::auth
