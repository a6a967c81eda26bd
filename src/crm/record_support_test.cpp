#include "crm/record_support.hpp"

#include <gtest/gtest.h>

namespace voronka::crm {
namespace {

TEST(Inn, IsTenOrTwelveDigits) {
    EXPECT_EQ(CheckInn(" 7707083893 ").value(), "7707083893");
    EXPECT_EQ(CheckInn("500100732259").value(), "500100732259");
    for (const char* bad : {"", "12345", "77070838931", "77070838ab", "7707-083893"}) {
        const auto result = CheckInn(bad);
        ASSERT_FALSE(result.ok()) << bad;
        EXPECT_EQ(result.error().field, "inn");
    }
}

TEST(ListSort, CreatedAtFollowsIdAndEveryKeyHasBothDirections) {
    EXPECT_EQ(ParseListSort("created_at"), ListSort::kIdAscending);
    EXPECT_EQ(ParseListSort("-created_at"), ListSort::kIdDescending);
    EXPECT_EQ(ParseListSort("-name"), ListSort::kNameDescending);
    EXPECT_EQ(ParseListSort("updated_at"), ListSort::kUpdatedAscending);
    EXPECT_EQ(ParseListSort("amount"), std::nullopt);
    EXPECT_EQ(ParseListSort("Name"), std::nullopt);
}

TEST(AddedPoints, OnlyWhatTheChangeAddsIsCheckedForDuplicates) {
    const ContactPoints before{{"+79131112233"}, {"Ivan@Example.com"}};
    const ContactPoints after{{"+79131112233", "+79134445566"}, {"ivan@example.COM", "new@example.com"}};
    const ContactPoints added = AddedPoints(before, after);
    EXPECT_EQ(added.phones, std::vector<std::string>{"+79134445566"});
    EXPECT_EQ(added.emails, std::vector<std::string>{"new@example.com"});
}

TEST(PointsText, JoinsForHistoryAndIsNullWhenEmpty) {
    EXPECT_EQ(PointsText({"+79131112233", "+79134445566"}), "+79131112233, +79134445566");
    EXPECT_EQ(PointsText({}), std::nullopt);
}

}  // namespace
}  // namespace voronka::crm
