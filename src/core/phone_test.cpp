#include "core/phone.hpp"

#include <gtest/gtest.h>

namespace voronka {
namespace {

std::string Normalized(std::string_view text, std::string_view region = "RU") {
    const auto result = NormalizePhone(text, region, "phones");
    return result.ok() ? *result : "error: " + result.error().message;
}

void ExpectRefused(std::string_view text, std::string_view region = "RU") {
    const auto result = NormalizePhone(text, region, "phones");
    ASSERT_FALSE(result.ok()) << text << " became " << *result;
    EXPECT_EQ(result.error().code, ErrorCode::kValidationFailed);
    EXPECT_EQ(result.error().field, "phones");
    EXPECT_NE(result.error().message.find("phones"), std::string::npos) << result.error().message;
}

TEST(Phone, RussianFormsAreOneNumber) {
    EXPECT_EQ(Normalized("8 (999) 123-45-67"), "+79991234567");
    EXPECT_EQ(Normalized("+7 999 1234567"), "+79991234567");
    EXPECT_EQ(Normalized("79991234567"), "+79991234567");
    EXPECT_EQ(Normalized("89991234567"), "+79991234567");
    EXPECT_EQ(Normalized("9991234567"), "+79991234567");
    EXPECT_EQ(Normalized("+7(999)123-45-67"), "+79991234567");
    EXPECT_EQ(Normalized("  8.999.123.45.67\t"), "+79991234567");
}

TEST(Phone, LandlinesAreValidToo) {
    EXPECT_EQ(Normalized("8 (495) 123-45-67"), "+74951234567");
    EXPECT_EQ(Normalized("(812) 123-45-67"), "+78121234567");
}

TEST(Phone, PastedUnicodeSeparatorsAreAccepted) {
    EXPECT_EQ(Normalized("+7\u00A0999\u00A0123\u201145\u201167"), "+79991234567");
    EXPECT_EQ(Normalized("8\u202F999\u2009123\u201345\u221267"), "+79991234567");
}

TEST(Phone, ShortNumberIsRejectedNotPadded) {
    ExpectRefused("123");
    ExpectRefused("12345");
    ExpectRefused("8 999 123");
}

TEST(Phone, NumberOutsideTheNumberingPlanIsRejected) {
    ExpectRefused("+7 000 000-00-00");
    ExpectRefused("8 (999) 123-45-678");
}

TEST(Phone, LettersAreRejectedNotReadAsDigits) {
    ExpectRefused("8 800 FLOWERS");
    ExpectRefused("+7 999 123-45-6a");
    ExpectRefused("телефон 89991234567");
    ExpectRefused("+7 999 123-45-67 ext. 12");
}

TEST(Phone, MisplacedPlusIsRejected) {
    ExpectRefused("8+9991234567");
    ExpectRefused("++79991234567");
}

TEST(Phone, EmptyAndOverlongTextAreRejected) {
    ExpectRefused("");
    ExpectRefused("   ");
    ExpectRefused(std::string(100, '9'));
}

TEST(Phone, InvalidUtf8IsRejected) {
    ExpectRefused("+7 999 \xFF 1234567");
}

TEST(Phone, InternationalNumbersIgnoreTheDefaultRegion) {
    EXPECT_EQ(Normalized("+1 650 253 0000"), "+16502530000");
    EXPECT_EQ(Normalized("+49 30 123456"), "+4930123456");
    EXPECT_EQ(Normalized("+7 999 123-45-67", "DE"), "+79991234567");
}

TEST(Phone, DefaultRegionReadsNationalForms) {
    EXPECT_EQ(Normalized("030 123456", "DE"), "+4930123456");
    EXPECT_EQ(Normalized("030 123456", "de"), "+4930123456");
    EXPECT_EQ(Normalized("(650) 253-0000", "US"), "+16502530000");
    EXPECT_EQ(Normalized("8 017 123-45-67", "BY"), "+375171234567");
}

TEST(Phone, NationalFormWithoutKnownRegionAsksForCountryCode) {
    const auto result = NormalizePhone("8 (999) 123-45-67", "", "phone");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, "phone");
    EXPECT_NE(result.error().message.find("country code"), std::string::npos) << result.error().message;
    EXPECT_EQ(Normalized("+7 999 123-45-67", ""), "+79991234567");
    ExpectRefused("+999 123 456 789");
}

TEST(PhoneRegion, KnowsTwoLetterRegionsOnly) {
    EXPECT_TRUE(IsPhoneRegion("RU"));
    EXPECT_TRUE(IsPhoneRegion("de"));
    EXPECT_FALSE(IsPhoneRegion("ZZ"));
    EXPECT_FALSE(IsPhoneRegion(""));
    EXPECT_FALSE(IsPhoneRegion("RUS"));
}

TEST(PhoneDigits, DropsThePlus) {
    EXPECT_EQ(PhoneDigits("+79991234567"), "79991234567");
    EXPECT_EQ(PhoneDigits(""), "");
}

TEST(PhoneSearchKey, WrittenFormsOfOneNumberGiveOneKey) {
    EXPECT_EQ(PhoneSearchKey("8 (999) 123-45-67", "RU"), "79991234567");
    EXPECT_EQ(PhoneSearchKey("+7 999 1234567", "RU"), "79991234567");
    EXPECT_EQ(PhoneSearchKey("79991234567", "RU"), "79991234567");
    EXPECT_EQ(PhoneSearchKey("89991234567", "RU"), "79991234567");
    EXPECT_EQ(PhoneSearchKey("030 123456", "DE"), "4930123456");
}

TEST(PhoneSearchKey, FragmentGivesItsBareDigits) {
    EXPECT_EQ(PhoneSearchKey("123-45-67", "RU"), "1234567");
    EXPECT_EQ(PhoneSearchKey("(999) 123", "RU"), "999123");
    EXPECT_EQ(PhoneSearchKey("12345", "RU"), "12345");
}

TEST(PhoneSearchKey, TextIsNotPhoneLike) {
    EXPECT_EQ(PhoneSearchKey("Иванов", "RU"), std::nullopt);
    EXPECT_EQ(PhoneSearchKey("ООО Ромашка 123456", "RU"), std::nullopt);
    EXPECT_EQ(PhoneSearchKey("ivan@example.com", "RU"), std::nullopt);
    EXPECT_EQ(PhoneSearchKey("8.999.123.45.67", "RU"), std::nullopt);
    EXPECT_EQ(PhoneSearchKey("1234", "RU"), std::nullopt);
    EXPECT_EQ(PhoneSearchKey("+7 (999)", "RU"), std::nullopt);
    EXPECT_EQ(PhoneSearchKey("", "RU"), std::nullopt);
}

}  // namespace
}  // namespace voronka
