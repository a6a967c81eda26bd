#include "auth/throttle.hpp"

#include <gtest/gtest.h>

namespace voronka::auth {
namespace {

constexpr ThrottlePolicy kPolicy{.max_failures = 3, .window = 600, .block = 900};

TEST(SignInThrottle, BlocksAfterMaxFailuresWithinWindow) {
    ThrottleState state;
    state = AfterFailure(state, 1000, kPolicy);
    state = AfterFailure(state, 1100, kPolicy);
    EXPECT_EQ(SecondsBlocked(state, 1100), 0);
    state = AfterFailure(state, 1200, kPolicy);
    EXPECT_EQ(SecondsBlocked(state, 1200), 900);
    EXPECT_EQ(SecondsBlocked(state, 2000), 100);
    EXPECT_EQ(SecondsBlocked(state, 2100), 0);
}

TEST(SignInThrottle, FailuresOutsideTheWindowStartAfresh) {
    ThrottleState state;
    state = AfterFailure(state, 1000, kPolicy);
    state = AfterFailure(state, 1100, kPolicy);
    state = AfterFailure(state, 1600, kPolicy);  // 600 s after the first: a new window
    EXPECT_EQ(state.failures, 1);
    EXPECT_EQ(SecondsBlocked(state, 1600), 0);
}

TEST(SignInThrottle, ABlockEndsAndCountingRestarts) {
    ThrottleState state;
    for (UnixTime t : {0, 1, 2}) state = AfterFailure(state, t, kPolicy);
    ASSERT_GT(SecondsBlocked(state, 2), 0);
    state = AfterFailure(state, 1000, kPolicy);
    EXPECT_EQ(state.failures, 1);
    EXPECT_EQ(SecondsBlocked(state, 1000), 0);
}

}  // namespace
}  // namespace voronka::auth
