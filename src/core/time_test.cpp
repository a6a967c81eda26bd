#include "core/time.hpp"

#include <gtest/gtest.h>

namespace voronka {
namespace {

TEST(Iso8601, FormatsUtcSeconds) {
    EXPECT_EQ(FormatIso8601(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(FormatIso8601(1795773600), "2026-11-27T10:00:00Z");
    EXPECT_EQ(FormatIso8601(951782400), "2000-02-29T00:00:00Z");
}

TEST(Iso8601, ParsesWhatItFormatsAndOffsets) {
    EXPECT_EQ(ParseIso8601("2026-11-27T10:00:00Z"), 1795773600);
    EXPECT_EQ(ParseIso8601("2026-11-27T13:00:00+03:00"), 1795773600);
    EXPECT_EQ(ParseIso8601("2026-11-27T10:00:00.250Z"), 1795773600);
    EXPECT_EQ(ParseIso8601("1969-12-31T23:59:59Z"), -1);
    for (UnixTime t : {0LL, 951782400LL, 1795773600LL, 4102444799LL}) {
        EXPECT_EQ(ParseIso8601(FormatIso8601(t)), t);
    }
}

TEST(Iso8601, RejectsMalformedOrImpossibleDates) {
    for (const char* bad : {"", "2026-11-27", "2026-11-27T10:00:00", "2026-13-01T00:00:00Z",
                            "2025-02-29T00:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27 10:00:00Z",
                            "2026-11-27T10:00:00Zjunk", "2026-11-27T10:00:00.Z", "tomorrow"}) {
        EXPECT_EQ(ParseIso8601(bad), std::nullopt) << bad;
    }
}

// Found by fuzz/time_fuzz.cpp: an offset moved year 0000 or 9999 to years that FormatIso8601
// writes as "-001-12-31T23:00:00Z" or "10000-01-01T05:29:59Z", which do not parse.
TEST(Iso8601, RefusesOffsetsThatLeaveYearsZeroToNineThousandNineHundredNinetyNine) {
    EXPECT_EQ(ParseIso8601("0000-01-01T00:00:00+01:00"), std::nullopt);
    EXPECT_EQ(ParseIso8601("9999-12-31T23:59:59.12-05:30"), std::nullopt);
    for (const char* edge : {"0000-01-01T00:00:00Z", "0000-01-01T01:00:00+01:00", "9999-12-31T23:59:59Z",
                             "9999-12-31T18:29:59-05:30"}) {
        const auto at = ParseIso8601(edge);
        ASSERT_TRUE(at.has_value()) << edge;
        EXPECT_EQ(ParseIso8601(FormatIso8601(*at)), at) << edge;
    }
    EXPECT_EQ(ParseIso8601("0000-01-01T00:00:00Z"), kFirstIso8601Time);
    EXPECT_EQ(ParseIso8601("9999-12-31T23:59:59Z"), kLastIso8601Time);
}

}  // namespace
}  // namespace voronka
