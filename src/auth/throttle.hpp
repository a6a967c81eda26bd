// The sign-in throttling rule: after too many failures in a window, an account or an address
// is blocked for a while. Owned by auth. Pure functions over plain structs.
#pragma once

#include <cstdint>

#include "core/time.hpp"

namespace voronka::auth {

struct ThrottlePolicy {
    int max_failures = 5;           // failures within `window` that trigger a block
    std::int64_t window = 15 * 60;  // seconds over which failures are counted
    std::int64_t block = 15 * 60;   // seconds a block lasts
};

// Failures recorded for one key ("account:<email>" or "address:<ip>").
struct ThrottleState {
    int failures = 0;
    UnixTime window_started_at = 0;
    UnixTime blocked_until = 0;
};

// Seconds until the key may try again; 0 when it may try now.
std::int64_t SecondsBlocked(const ThrottleState& state, UnixTime now);

// The state after one more failure at `now`: a failure outside the window starts a new one;
// reaching max_failures blocks the key and starts counting afresh.
ThrottleState AfterFailure(const ThrottleState& state, UnixTime now, const ThrottlePolicy& policy);

}  // namespace voronka::auth
