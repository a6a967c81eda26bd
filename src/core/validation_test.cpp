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

TEST(CheckUserTime, AcceptsTheYears1900To2200AndRefusesOthersNamingTheField) {
    for (const char* good : {"1900-01-01T00:00:00Z", "2026-11-27T10:00:00Z", "2200-12-31T23:59:59Z"}) {
        EXPECT_TRUE(CheckUserTime(*ParseIso8601(good), "due_at").ok()) << good;
    }
    for (const char* bad :
         {"0000-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "2201-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
        const auto parsed = ParseIso8601(bad);
        ASSERT_TRUE(parsed) << bad;
        const auto checked = CheckUserTime(*parsed, "next_task.due_at");
        ASSERT_FALSE(checked.ok()) << bad;
        EXPECT_EQ(checked.error().code, ErrorCode::kValidationFailed);
        EXPECT_EQ(checked.error().field, "next_task.due_at");
    }
}

TEST(CheckUserDate, AcceptsRealDatesInTheYears1900To2200Only) {
    for (const char* good : {"1900-01-01", "2024-02-29", "2200-12-31"}) {
        EXPECT_TRUE(CheckUserDate(good, "expected_close_on").ok()) << good;
    }
    for (const char* bad : {"0000-01-01", "1899-12-31", "2201-01-01", "9999-12-31", "2026-02-29",
                            "2026-13-01", "2026-1-01", "+026-01-01", "27.11.2026", "2026-11-27T00:00:00Z"}) {
        const auto checked = CheckUserDate(bad, "expected_close_on");
        ASSERT_FALSE(checked.ok()) << bad;
        EXPECT_EQ(checked.error().field, "expected_close_on");
    }
}

}  // namespace
}  // namespace voronka
