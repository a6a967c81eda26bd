#include "auth/credentials.hpp"

#include <gtest/gtest.h>

namespace voronka::auth {
namespace {

TEST(PasswordHash, IsArgon2idAndVerifiesOnlyTheSamePassword) {
    const std::string hash = HashPassword("пароль-1234");
    EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
    EXPECT_NE(hash.find("m=19456,t=2,p=1"), std::string::npos) << hash;
    EXPECT_TRUE(VerifyPassword(hash, "пароль-1234"));
    EXPECT_FALSE(VerifyPassword(hash, "пароль-1235"));
    EXPECT_FALSE(VerifyPassword("not a hash", "пароль-1234"));
}

TEST(PasswordHash, SaltsEachHash) {
    EXPECT_NE(HashPassword("same-password"), HashPassword("same-password"));
}

TEST(Tokens, CarryTheirKindAndAreRandom) {
    const std::string session = NewToken(TokenKind::kSession);
    const std::string api = NewToken(TokenKind::kApiToken);
    TokenKind kind;
    ASSERT_TRUE(TokenKindOf(session, kind));
    EXPECT_EQ(kind, TokenKind::kSession);
    ASSERT_TRUE(TokenKindOf(api, kind));
    EXPECT_EQ(kind, TokenKind::kApiToken);
    EXPECT_FALSE(TokenKindOf("Bearer xyz", kind));
    EXPECT_NE(session, NewToken(TokenKind::kSession));
    EXPECT_GE(session.size(), 40u);
}

TEST(Tokens, OnlyTheHashIsStoredAndItIsStable) {
    const std::string token = NewToken(TokenKind::kSession);
    EXPECT_EQ(TokenHash(token), TokenHash(token));
    EXPECT_EQ(TokenHash(token).size(), 64u);
    EXPECT_EQ(TokenHash(token).find(token), std::string::npos);
    EXPECT_NE(TokenHash(token), TokenHash(token + "x"));
}

}  // namespace
}  // namespace voronka::auth
