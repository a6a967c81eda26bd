// Secrets of accounts: password hashes (argon2id) and bearer tokens, of which only a hash is
// stored. Owned by auth. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace voronka::auth {

// The argon2id hash of a password in libsodium's self-describing string form, with OWASP's
// recommended cost (2 passes over 19 MiB): tens of milliseconds and 19 MiB per hash, so that a
// few concurrent sign-ins stay within a small server's memory. Never call it on an I/O thread.
// Hashes made with other costs still verify (the string records its parameters).
std::string HashPassword(std::string_view password);

// True when `password` matches `hash` (a string from HashPassword). Costs as HashPassword.
bool VerifyPassword(std::string_view hash, std::string_view password);

// Spends the time of a verification without a real hash, so that a sign-in with an unknown
// e-mail takes as long as one with a wrong password.
void VerifyNothing(std::string_view password);

// Token kinds, told apart by their prefix so that a lookup touches one table.
enum class TokenKind { kSession, kApiToken };

// A new random token: the prefix of its kind and 256 random bits in base64url.
std::string NewToken(TokenKind kind);

// The kind of a token by its prefix; false when it has neither prefix.
bool TokenKindOf(std::string_view token, TokenKind& kind);

// What is stored of a token: its SHA-256, hex-encoded.
std::string TokenHash(std::string_view token);

}  // namespace voronka::auth
