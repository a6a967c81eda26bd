#include "crm/custom_fields.hpp"

#include <gtest/gtest.h>

namespace voronka::crm {
namespace {

CustomFieldDef Field(CustomFieldType type, std::vector<std::string> options = {}) {
    CustomFieldDef def;
    def.name = "size";
    def.type = type;
    def.options = std::move(options);
    return def;
}

std::optional<std::string> Canonical(const CustomFieldDef& def, const CustomInput& input) {
    auto result = CanonicalCustomValue(def, input);
    EXPECT_TRUE(result.ok());
    return result ? *result : std::nullopt;
}

std::string FieldOfError(const CustomFieldDef& def, const CustomInput& input) {
    auto result = CanonicalCustomValue(def, input);
    return result ? "(accepted)" : result.error().field;
}

TEST(CustomFieldName, LowerCaseLatinWithDigitsAndUnderscores) {
    EXPECT_TRUE(CheckCustomFieldName("budget_2026").ok());
    EXPECT_FALSE(CheckCustomFieldName("").ok());
    EXPECT_FALSE(CheckCustomFieldName("2budget").ok());
    EXPECT_FALSE(CheckCustomFieldName("Budget").ok());
    EXPECT_FALSE(CheckCustomFieldName("бюджет").ok());
    EXPECT_FALSE(CheckCustomFieldName(std::string(64, 'a')).ok());
    EXPECT_TRUE(CheckCustomFieldName(std::string(63, 'a')).ok());
}

TEST(IsoDate, OnlyCalendarDates) {
    EXPECT_TRUE(IsIsoDate("2026-11-27"));
    EXPECT_TRUE(IsIsoDate("2024-02-29"));
    EXPECT_FALSE(IsIsoDate("2026-02-29"));
    EXPECT_FALSE(IsIsoDate("2026-13-01"));
    EXPECT_FALSE(IsIsoDate("2026-1-01"));
    EXPECT_FALSE(IsIsoDate("27.11.2026"));
    EXPECT_FALSE(IsIsoDate("2026-11-27T00:00:00Z"));
}

TEST(CustomValue, NullClears) {
    EXPECT_EQ(Canonical(Field(CustomFieldType::kString), std::monostate{}), std::nullopt);
}

TEST(CustomValue, NumbersHaveOneCanonicalText) {
    const auto number = Field(CustomFieldType::kNumber);
    EXPECT_EQ(Canonical(number, std::int64_t{12}), "12");
    EXPECT_EQ(Canonical(number, 12.0), "12");
    EXPECT_EQ(Canonical(number, 12.5), "12.5");
    EXPECT_EQ(FieldOfError(number, std::string("12")), "custom_fields.size");
}

TEST(CustomValue, MoneyIsNonNegativeMinorUnits) {
    const auto money = Field(CustomFieldType::kMoney);
    EXPECT_EQ(Canonical(money, std::int64_t{125000}), "125000");
    EXPECT_EQ(FieldOfError(money, std::int64_t{-1}), "custom_fields.size");
    EXPECT_EQ(FieldOfError(money, 12.5), "custom_fields.size");
}

TEST(CustomValue, BoolDateAndString) {
    EXPECT_EQ(Canonical(Field(CustomFieldType::kBool), true), "true");
    EXPECT_EQ(FieldOfError(Field(CustomFieldType::kBool), std::string("true")), "custom_fields.size");
    EXPECT_EQ(Canonical(Field(CustomFieldType::kDate), std::string("2026-11-27")), "2026-11-27");
    EXPECT_EQ(FieldOfError(Field(CustomFieldType::kDate), std::string("tomorrow")), "custom_fields.size");
    EXPECT_EQ(Canonical(Field(CustomFieldType::kString), std::string("  big  ")), "big");
    EXPECT_EQ(FieldOfError(Field(CustomFieldType::kString), std::int64_t{1}), "custom_fields.size");
}

TEST(CustomValue, EnumOnlyTakesItsOptions) {
    const auto size = Field(CustomFieldType::kEnum, {"small", "large"});
    EXPECT_EQ(Canonical(size, std::string("large")), "large");
    EXPECT_EQ(FieldOfError(size, std::string("medium")), "custom_fields.size");
}

TEST(CustomFilterValue, ParsesTheQueryTextByType) {
    EXPECT_EQ(CanonicalFilterValue(Field(CustomFieldType::kNumber), "12.0", "cf.size").value(), "12");
    EXPECT_EQ(CanonicalFilterValue(Field(CustomFieldType::kBool), "false", "cf.size").value(), "false");
    const auto bad = CanonicalFilterValue(Field(CustomFieldType::kEnum, {"small"}), "huge", "cf.size");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "cf.size");
}

}  // namespace
}  // namespace voronka::crm
