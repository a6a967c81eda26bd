#include "auth/throttle.hpp"

namespace voronka::auth {

std::int64_t SecondsBlocked(const ThrottleState& state, UnixTime now) {
    return state.blocked_until > now ? state.blocked_until - now : 0;
}

ThrottleState AfterFailure(const ThrottleState& state, UnixTime now, const ThrottlePolicy& policy) {
    ThrottleState next = state;
    if (next.failures == 0 || now - next.window_started_at >= policy.window) {
        next.failures = 0;
        next.window_started_at = now;
    }
    ++next.failures;
    if (next.failures >= policy.max_failures) {
        next.blocked_until = now + policy.block;
        next.failures = 0;
    }
    return next;
}

}  // namespace voronka::auth
