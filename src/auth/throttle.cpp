#include "auth/throttle.hpp"

namespace voronka::auth {

Admission Admit(const ThrottleState& state, UnixTime now, const ThrottlePolicy& policy) {
    if (state.blocked_until > now) {
        return {.admitted = false, .retry_after = state.blocked_until - now, .next = state};
    }
    ThrottleState next = state;
    const bool window_over = now - next.window_started_at >= policy.window;
    if (next.attempts == 0 || window_over || next.blocked_until != 0) {
        next = {.attempts = 0, .window_started_at = now, .blocked_until = 0};
    }
    ++next.attempts;
    if (next.attempts >= policy.max_attempts) next.blocked_until = now + policy.block;
    return {.admitted = true, .retry_after = 0, .next = next};
}

ThrottleState Refund(const ThrottleState& state, const ThrottlePolicy& policy) {
    ThrottleState next = state;
    if (next.attempts > 0) --next.attempts;
    if (next.attempts < policy.max_attempts) next.blocked_until = 0;
    return next;
}

}  // namespace voronka::auth
