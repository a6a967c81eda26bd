// When the outbox tries a message again after a temporary failure: exponential backoff with a
// cap and bounded jitter, and the number of attempts after which a message fails. Owned by
// messaging. Pure, thread-safe.
#pragma once

#include <cstdint>

namespace voronka::messaging {

struct BackoffPolicy {
    // The delay before the second attempt; each later attempt waits `factor` times longer.
    std::int64_t first_delay_seconds = 10;
    std::int64_t factor = 2;
    // No delay exceeds this, jitter included.
    std::int64_t max_delay_seconds = 3600;
    // Jitter shortens a delay by up to this fraction of it (0.2: by at most 20 %), so that
    // messages failed together do not all come back in the same second.
    double jitter_fraction = 0.2;
    // After this many attempts a temporary failure fails the message. At least 1.
    int max_attempts = 10;
};

// The delay in seconds before attempt `attempt` (2 for the first retry; attempts below 2 answer
// 0). `jitter` in [0, 1) chooses the point within the jitter band: 0 gives the full delay
// min(first * factor^(attempt-2), max), values towards 1 shorten it by up to jitter_fraction.
// The answer is at least 1 second for attempt >= 2.
std::int64_t RetryDelaySeconds(int attempt, double jitter, const BackoffPolicy& policy = {});

// A deterministic jitter value in [0, 1) for a message's attempt, so retries of one failure
// spread out without shared random state (and tests can predict them).
double JitterOf(std::int64_t message_id, int attempt);

// True when a message that has made `attempts` attempts may be tried again after a temporary
// failure.
bool MayRetry(int attempts, const BackoffPolicy& policy = {});

}  // namespace voronka::messaging
