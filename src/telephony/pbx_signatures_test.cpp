#include "telephony/pbx_signatures.hpp"

#include <gtest/gtest.h>

namespace voronka::telephony {
namespace {

// The vector of telephony-protocols.md §2 (checked with Python's hashlib).
constexpr std::string_view kKey = "5f4dcc3b5aa765d61d8327deb882cf99";
constexpr std::string_view kSalt = "testsalt";
constexpr std::string_view kJson =
    R"({"command_id":"cbk1","from":{"extension":"101"},"to_number":"79161234567"})";
constexpr std::string_view kSign = "cd0a35d80b9f01a52fd0b3cd472ac2699302ab6b6ec3b1b9ad3e9f4171077792";

TEST(MangoSign, MatchesTheReferenceVector) {
    EXPECT_EQ(MangoSign(kKey, kJson, kSalt), kSign);
    EXPECT_TRUE(MangoSignMatches(kKey, kJson, kSalt, kSign));
}

TEST(MangoSign, AnyChangeOfKeyJsonSaltOrSignIsRefused) {
    EXPECT_FALSE(MangoSignMatches(kKey, std::string(kJson) + " ", kSalt, kSign)) << "the exact json text";
    EXPECT_FALSE(MangoSignMatches(kKey, kJson, "othersalt", kSign));
    EXPECT_FALSE(MangoSignMatches("5f4dcc3b5aa765d61d8327deb882cf98", kJson, kSalt, kSign));
    EXPECT_FALSE(MangoSignMatches(kKey, kJson, kSalt, kSign.substr(1)));
    EXPECT_FALSE(MangoSignMatches(kKey, kJson, kSalt, ""));
}

}  // namespace
}  // namespace voronka::telephony
