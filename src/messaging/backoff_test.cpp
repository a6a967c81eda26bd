#include "messaging/backoff.hpp"

#include <gtest/gtest.h>

#include <set>

namespace voronka::messaging {
namespace {

TEST(RetryDelay, DoublesFromTenSecondsWithoutJitter) {
    EXPECT_EQ(RetryDelaySeconds(2, 0.0), 10);
    EXPECT_EQ(RetryDelaySeconds(3, 0.0), 20);
    EXPECT_EQ(RetryDelaySeconds(4, 0.0), 40);
    EXPECT_EQ(RetryDelaySeconds(9, 0.0), 1280);
    EXPECT_EQ(RetryDelaySeconds(10, 0.0), 2560);
}

TEST(RetryDelay, IsCappedAtOneHourEvenForHugeAttemptCounts) {
    EXPECT_EQ(RetryDelaySeconds(11, 0.0), 3600);
    EXPECT_EQ(RetryDelaySeconds(64, 0.0), 3600);
    EXPECT_EQ(RetryDelaySeconds(1000000, 0.0), 3600);
    EXPECT_LE(RetryDelaySeconds(1000000, 0.999), 3600);
}

TEST(RetryDelay, FirstAttemptHasNoDelay) {
    EXPECT_EQ(RetryDelaySeconds(1, 0.5), 0);
    EXPECT_EQ(RetryDelaySeconds(0, 0.5), 0);
}

TEST(RetryDelay, JitterShortensByAtMostTheFraction) {
    for (int attempt = 2; attempt <= 20; ++attempt) {
        const std::int64_t full = RetryDelaySeconds(attempt, 0.0);
        for (double jitter : {0.0, 0.25, 0.5, 0.75, 0.9999}) {
            const std::int64_t delay = RetryDelaySeconds(attempt, jitter);
            EXPECT_LE(delay, full);
            EXPECT_GE(delay, full - full / 5) << "attempt " << attempt << " jitter " << jitter;
        }
    }
    EXPECT_EQ(RetryDelaySeconds(11, 0.5), 3240);  // 3600 cut by 10 %
    EXPECT_EQ(RetryDelaySeconds(2, 0.5), 9);      // 10 cut by 1 s
}

TEST(RetryDelay, FollowsAnotherPolicy) {
    const BackoffPolicy policy{.first_delay_seconds = 1,
                               .factor = 3,
                               .max_delay_seconds = 50,
                               .jitter_fraction = 0.0,
                               .max_attempts = 3};
    EXPECT_EQ(RetryDelaySeconds(2, 0.9, policy), 1);
    EXPECT_EQ(RetryDelaySeconds(3, 0.9, policy), 3);
    EXPECT_EQ(RetryDelaySeconds(5, 0.9, policy), 27);
    EXPECT_EQ(RetryDelaySeconds(6, 0.9, policy), 50);
}

TEST(MaxAttempts, TenByDefault) {
    EXPECT_TRUE(MayRetry(1));
    EXPECT_TRUE(MayRetry(9));
    EXPECT_FALSE(MayRetry(10));
    EXPECT_FALSE(MayRetry(11));
    EXPECT_FALSE(MayRetry(1, BackoffPolicy{.max_attempts = 1}));
}

TEST(Jitter, IsDeterministicInRangeAndSpread) {
    std::set<int> buckets;
    for (std::int64_t id = 1; id <= 1000; ++id) {
        const double j = JitterOf(id, 3);
        EXPECT_EQ(j, JitterOf(id, 3));
        ASSERT_GE(j, 0.0);
        ASSERT_LT(j, 1.0);
        buckets.insert(static_cast<int>(j * 10));
    }
    EXPECT_EQ(buckets.size(), 10u);  // every tenth of the range is hit
    EXPECT_NE(JitterOf(7, 2), JitterOf(7, 3));
}

}  // namespace
}  // namespace voronka::messaging
