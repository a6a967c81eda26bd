#include "core/duration.hpp"

#include <gtest/gtest.h>

namespace voronka {
namespace {

TEST(IsoDuration, ParsesDaysHoursMinutesSecondsAndWeeks) {
    EXPECT_EQ(ParseIsoDuration("P3D"), 3 * 86400);
    EXPECT_EQ(ParseIsoDuration("PT4H"), 4 * 3600);
    EXPECT_EQ(ParseIsoDuration("P1DT30M"), 86400 + 1800);
    EXPECT_EQ(ParseIsoDuration("PT90S"), 90);
    EXPECT_EQ(ParseIsoDuration("PT0S"), 0);
    EXPECT_EQ(ParseIsoDuration("P2W"), 14 * 86400);
    EXPECT_EQ(ParseIsoDuration("P1DT2H3M4S"), 86400 + 7200 + 180 + 4);
}

TEST(IsoDuration, RefusesMalformedAndVariableLengthUnits) {
    for (const char* bad : {"", "P", "PT", "3D", "P3", "PT4D", "P4H", "P1Y", "P1M", "PT1H2H", "PT1M1H",
                            "P-1D", "P1.5D", "p3d", "P3DT", "PT4H ", "P99999999D"}) {
        EXPECT_EQ(ParseIsoDuration(bad), std::nullopt) << bad;
    }
}

TEST(IsoDuration, FormatsTheShortestCanonicalForm) {
    EXPECT_EQ(FormatIsoDuration(3 * 86400), "P3D");
    EXPECT_EQ(FormatIsoDuration(5400), "PT1H30M");
    EXPECT_EQ(FormatIsoDuration(0), "PT0S");
    EXPECT_EQ(FormatIsoDuration(86400 + 1), "P1DT1S");
    for (std::int64_t s : {1LL, 59LL, 61LL, 3600LL, 90061LL, 1209600LL}) {
        EXPECT_EQ(ParseIsoDuration(FormatIsoDuration(s)), s);
    }
}

}  // namespace
}  // namespace voronka
