// The sign-in throttling rule: a key (an account from one address, or an address) may have at
// most `max_attempts` sign-ins checked per window, unless they succeed; the last of them blocks
// the key for a while. Attempts are counted when admitted, before the password is checked, so
// parallel attempts cannot overrun the limit. Owned by auth. Pure functions over plain structs.
#pragma once

#include <cstdint>

#include "core/time.hpp"

namespace voronka::auth {

struct ThrottlePolicy {
    int max_attempts = 5;           // failed (or still unchecked) attempts per window before a block
    std::int64_t window = 15 * 60;  // seconds over which attempts are counted
    std::int64_t block = 15 * 60;   // seconds a block lasts
};

// Attempts counted for one key. Stored in `sign_in_throttle` (column `failures` = attempts).
struct ThrottleState {
    int attempts = 0;  // admitted in the current window and not refunded
    UnixTime window_started_at = 0;
    UnixTime blocked_until = 0;
};

struct Admission {
    bool admitted = false;
    std::int64_t retry_after = 0;  // seconds until the key may try again, when refused
    ThrottleState next;            // the state to store (unchanged when refused)
};

// Admits one more attempt at `now`, or refuses it while the key is blocked. An attempt after
// the window or after a block has ended starts a new window; the attempt that reaches
// max_attempts is admitted and blocks the key for `block` seconds.
Admission Admit(const ThrottleState& state, UnixTime now, const ThrottlePolicy& policy);

// The state after an admitted attempt succeeded: it no longer counts, and a block it set is
// lifted.
ThrottleState Refund(const ThrottleState& state, const ThrottlePolicy& policy);

}  // namespace voronka::auth
