#include "core/validation.hpp"

#include <gtest/gtest.h>

namespace voronka {
namespace {

TEST(CheckText, TrimsAndAcceptsOrdinaryText) {
    const auto name = CheckText("  Отдел продаж  ", "name");
    ASSERT_TRUE(name.ok());
    EXPECT_EQ(*name, "Отдел продаж");
}

TEST(CheckText, RefusesEmptyTooLongAndControlCharactersNamingTheField) {
    for (const std::string& bad : {std::string("   "), std::string(201, 'x'), std::string("a\0b", 3),
                                  std::string("line\nbreak"), std::string("bell\x07")}) {
        const auto result = CheckText(bad, "name");
        ASSERT_FALSE(result.ok()) << bad;
        EXPECT_EQ(result.error().code, ErrorCode::kValidationFailed);
        EXPECT_EQ(result.error().field, "name");
    }
    EXPECT_TRUE(CheckText(std::string(200, 'x'), "name").ok());
    EXPECT_TRUE(CheckText("Пётр", "name", 4).ok());  // characters, not bytes
}

TEST(CheckEmail, AcceptsAddressesAndRefusesTheRest) {
    EXPECT_EQ(*CheckEmail(" Ivan@Example.com ", "email"), "Ivan@Example.com");
    using namespace std::string_literals;
    for (const std::string& bad : {""s, "ivan"s, "@example.com"s, "ivan@"s, "a@b@c"s, "iv an@example.com"s,
                                   "ivan@exa\tmple.com"s, "ivan@example.com\0"s}) {
        const auto result = CheckEmail(bad, "email");
        ASSERT_FALSE(result.ok()) << bad;
        EXPECT_EQ(result.error().field, "email");
    }
}

}  // namespace
}  // namespace voronka
