#include "auth/throttle.hpp"

#include <gtest/gtest.h>

namespace voronka::auth {
namespace {

constexpr ThrottlePolicy kPolicy{.max_attempts = 3, .window = 600, .block = 900};

// Admits at `now` and answers the next state, failing the test when refused.
ThrottleState Admitted(const ThrottleState& state, UnixTime now) {
    const Admission admission = Admit(state, now, kPolicy);
    EXPECT_TRUE(admission.admitted) << "at " << now;
    return admission.next;
}

TEST(SignInThrottle, AdmitsMaxAttemptsWithinTheWindowThenRefusesForTheBlock) {
    ThrottleState state;
    state = Admitted(state, 1000);
    state = Admitted(state, 1100);
    state = Admitted(state, 1200);  // the last one admitted: it blocks the key
    Admission refused = Admit(state, 1200, kPolicy);
    EXPECT_FALSE(refused.admitted);
    EXPECT_EQ(refused.retry_after, 900);
    refused = Admit(state, 2000, kPolicy);
    EXPECT_FALSE(refused.admitted);
    EXPECT_EQ(refused.retry_after, 100);
    EXPECT_EQ(refused.next.attempts, state.attempts) << "a refusal changes nothing";
    EXPECT_TRUE(Admit(state, 2100, kPolicy).admitted);
}

TEST(SignInThrottle, ParallelAttemptsCountedOnAdmissionNeverExceedTheLimit) {
    // Sixteen attempts arrive before any password check has finished: only max_attempts pass.
    ThrottleState state;
    int admitted = 0;
    for (int i = 0; i < 16; ++i) {
        const Admission admission = Admit(state, 1000, kPolicy);
        if (admission.admitted) ++admitted;
        state = admission.next;
    }
    EXPECT_EQ(admitted, kPolicy.max_attempts);
}

TEST(SignInThrottle, AttemptsOutsideTheWindowStartAfresh) {
    ThrottleState state;
    state = Admitted(state, 1000);
    state = Admitted(state, 1100);
    state = Admitted(state, 1600);  // 600 s after the first: a new window
    EXPECT_EQ(state.attempts, 1);
    EXPECT_EQ(state.window_started_at, 1600);
    EXPECT_EQ(state.blocked_until, 0);
}

TEST(SignInThrottle, ABlockEndsAndCountingRestarts) {
    ThrottleState state;
    for (UnixTime t : {0, 1, 2}) state = Admitted(state, t);
    ASSERT_FALSE(Admit(state, 2, kPolicy).admitted);
    state = Admitted(state, 902);  // the block of 900 s from t=2 is over
    EXPECT_EQ(state.attempts, 1);
    EXPECT_EQ(state.blocked_until, 0);
}

TEST(SignInThrottle, ASuccessfulAttemptIsRefundedAndLiftsTheBlockItSet) {
    ThrottleState state;
    state = Admitted(state, 10);
    state = Admitted(state, 11);
    state = Admitted(state, 12);  // blocks; suppose this one had the right password
    ASSERT_FALSE(Admit(state, 12, kPolicy).admitted);
    state = Refund(state, kPolicy);
    EXPECT_EQ(state.attempts, 2);
    EXPECT_EQ(state.blocked_until, 0);
    state = Admitted(state, 13);  // the third failure blocks again
    EXPECT_FALSE(Admit(state, 13, kPolicy).admitted);
}

TEST(SignInThrottle, RefundOfAnEmptyStateStaysEmpty) {
    const ThrottleState state = Refund({}, kPolicy);
    EXPECT_EQ(state.attempts, 0);
    EXPECT_EQ(state.blocked_until, 0);
}

}  // namespace
}  // namespace voronka::auth
