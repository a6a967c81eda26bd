#include "core/money.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace voronka {
namespace {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

TEST(MoneyTotals, TwoPartsJoinExactly) {
    EXPECT_EQ(JoinAmountParts(0, 0), 0);
    EXPECT_EQ(JoinAmountParts(1, 5), 1'000'000'005);
    // 9,000 amounts of the maximum: 9 * 10^18, still exact.
    const std::int64_t parts = kMaxAmount / kAmountPartUnit;
    EXPECT_EQ(JoinAmountParts(9000 * parts, 0), 9'000'000'000'000'000'000);
}

TEST(MoneyTotals, ATotalBeyondInt64IsCappedNotWrapped) {
    const std::int64_t parts = kMaxAmount / kAmountPartUnit;
    EXPECT_EQ(JoinAmountParts(10'000 * parts, 0), kInt64Max);
    EXPECT_EQ(JoinAmountParts(kInt64Max, kInt64Max), kInt64Max);
    EXPECT_EQ(AddTotals(kInt64Max, 1), kInt64Max);
    EXPECT_EQ(AddTotals(kMaxAmount, kMaxAmount), 2 * kMaxAmount);
}

TEST(MoneyTotals, TheMaximumAmountIsExactAsADouble) {
    EXPECT_EQ(static_cast<std::int64_t>(static_cast<double>(kMaxAmount)), kMaxAmount);
    EXPECT_LT(kMaxAmount, std::int64_t{1} << 53);
}

}  // namespace
}  // namespace voronka
