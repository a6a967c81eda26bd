#include "messaging/format.hpp"

#include <gtest/gtest.h>

namespace voronka::messaging {
namespace {

#define NBSP "\u00A0"

TEST(FormatMoney, RussianGroupsWithNoBreakSpacesAndHidesZeroKopecks) {
    EXPECT_EQ(FormatMoney(125'000'000, "RUB", "ru"), "1" NBSP "250" NBSP "000" NBSP "₽");
    EXPECT_EQ(FormatMoney(125'000'050, "RUB", "ru"), "1" NBSP "250" NBSP "000,50" NBSP "₽");
    EXPECT_EQ(FormatMoney(125'000'005, "RUB", "ru"), "1" NBSP "250" NBSP "000,05" NBSP "₽");
}

TEST(FormatMoney, SmallZeroNegativeAndLargeAmounts) {
    EXPECT_EQ(FormatMoney(0, "RUB", "ru"), "0" NBSP "₽");
    EXPECT_EQ(FormatMoney(99'900, "RUB", "ru"), "999" NBSP "₽");
    EXPECT_EQ(FormatMoney(100'000, "RUB", "ru"), "1" NBSP "000" NBSP "₽");
    EXPECT_EQ(FormatMoney(7, "RUB", "ru"), "0,07" NBSP "₽");
    EXPECT_EQ(FormatMoney(-150'000, "RUB", "ru"), "-1" NBSP "500" NBSP "₽");
    EXPECT_EQ(FormatMoney(123'456'789'012'345'600, "RUB", "en"), "RUB 1,234,567,890,123,456");
    EXPECT_EQ(FormatMoney(INT64_MIN, "RUB", "en"), "RUB -92,233,720,368,547,758.08");
}

TEST(FormatMoney, EnglishUsesTheCodeCommasAndAPoint) {
    EXPECT_EQ(FormatMoney(125'000'000, "RUB", "en"), "RUB 1,250,000");
    EXPECT_EQ(FormatMoney(125'000'050, "RUB", "en"), "RUB 1,250,000.50");
    EXPECT_EQ(FormatMoney(0, "USD", "en"), "USD 0");
}

TEST(FormatMoney, OtherCurrenciesUseTheirSymbolInRussian) {
    EXPECT_EQ(FormatMoney(250'000, "EUR", "ru"), "2" NBSP "500" NBSP "€");
    EXPECT_EQ(FormatMoney(250'000, "XYZ", "ru"), "2" NBSP "500" NBSP "XYZ");
}

// 2026-11-28T12:00:00Z: Moscow is UTC+3 all year, Berlin UTC+1 in winter.
constexpr UnixTime kWinterNoonUtc = 1795867200;
// 2026-07-15T12:00:00Z: Berlin UTC+2 in summer.
constexpr UnixTime kSummerNoonUtc = 1784116800;

TEST(FormatDateTime, RussianGenitiveMonthInMoscowTime) {
    EXPECT_EQ(FormatDateTime(kWinterNoonUtc, "Europe/Moscow", "ru"), "28 ноября, 15:00");
    EXPECT_EQ(FormatDateTime(kSummerNoonUtc, "Europe/Moscow", "ru"), "15 июля, 15:00");
}

TEST(FormatDateTime, EnglishMonthName) {
    EXPECT_EQ(FormatDateTime(kWinterNoonUtc, "Europe/Moscow", "en"), "28 November, 15:00");
}

TEST(FormatDateTime, BerlinFollowsDaylightSavingTime) {
    EXPECT_EQ(FormatDateTime(kWinterNoonUtc, "Europe/Berlin", "ru"), "28 ноября, 13:00");
    EXPECT_EQ(FormatDateTime(kSummerNoonUtc, "Europe/Berlin", "ru"), "15 июля, 14:00");
    // 2026-03-29 01:00Z: clocks go from 02:00 CET to 03:00 CEST.
    EXPECT_EQ(FormatDateTime(1774745940, "Europe/Berlin", "en"), "29 March, 01:59");
    EXPECT_EQ(FormatDateTime(1774746000, "Europe/Berlin", "en"), "29 March, 03:00");
    // 2026-10-25 01:00Z: clocks go from 03:00 CEST back to 02:00 CET.
    EXPECT_EQ(FormatDateTime(1792889940, "Europe/Berlin", "en"), "25 October, 02:59");
    EXPECT_EQ(FormatDateTime(1792890000, "Europe/Berlin", "en"), "25 October, 02:00");
}

TEST(FormatDateTime, MinutesAndMidnightArePadded) {
    EXPECT_EQ(FormatDateTime(1795813500, "Europe/Moscow", "ru"), "28 ноября, 00:05");
}

TEST(FormatDateTime, UnknownZoneIsUtc) {
    EXPECT_EQ(FormatDateTime(kWinterNoonUtc, "Mars/Olympus", "ru"), "28 ноября, 12:00");
}

TEST(FormatDate, DayGenitiveMonthAndYear) {
    EXPECT_EQ(FormatDate("2026-11-28", "ru"), "28 ноября 2026");
    EXPECT_EQ(FormatDate("2026-05-01", "ru"), "1 мая 2026");
    EXPECT_EQ(FormatDate("2026-11-28", "en"), "28 November 2026");
    EXPECT_FALSE(FormatDate("2026-02-30", "ru"));
    EXPECT_FALSE(FormatDate("28.11.2026", "ru"));
}

TEST(LocalMidnight, MoscowIsThreeHoursBeforeUtcMidnight) {
    EXPECT_EQ(LocalMidnight("2026-11-28", "UTC"), 1795824000);            // 2026-11-28T00:00Z
    EXPECT_EQ(LocalMidnight("2026-11-28", "Europe/Moscow"), 1795813200);  // 2026-11-27T21:00Z
}

TEST(LocalMidnight, BerlinAcrossDaylightSavingTime) {
    EXPECT_EQ(LocalMidnight("2026-03-29", "Europe/Berlin"), 1774738800);  // 2026-03-28T23:00Z (CET)
    EXPECT_EQ(LocalMidnight("2026-03-30", "Europe/Berlin"), 1774821600);  // 2026-03-29T22:00Z (CEST)
    EXPECT_EQ(LocalMidnight("2026-10-26", "Europe/Berlin"), 1792969200);  // 2026-10-25T23:00Z (CET)
}

TEST(LocalMidnight, RefusesBadDatesAndUnknownZones) {
    EXPECT_FALSE(LocalMidnight("2026-13-01", "Europe/Moscow"));
    EXPECT_FALSE(LocalMidnight("tomorrow", "Europe/Moscow"));
    EXPECT_FALSE(LocalMidnight("2026-11-28", "Mars/Olympus"));
}

}  // namespace
}  // namespace voronka::messaging
