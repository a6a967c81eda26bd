#include "messaging/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace voronka::messaging {

std::int64_t RetryDelaySeconds(int attempt, double jitter, const BackoffPolicy& policy) {
    if (attempt < 2) return 0;
    const std::int64_t cap = std::max<std::int64_t>(policy.max_delay_seconds, 1);
    std::int64_t delay = std::max<std::int64_t>(policy.first_delay_seconds, 1);
    const std::int64_t factor = std::max<std::int64_t>(policy.factor, 1);
    for (int n = 2; n < attempt && delay < cap; ++n) delay = delay > cap / factor ? cap : delay * factor;
    delay = std::min(delay, cap);
    const double fraction = std::clamp(policy.jitter_fraction, 0.0, 1.0) * std::clamp(jitter, 0.0, 1.0);
    const auto cut = static_cast<std::int64_t>(std::floor(static_cast<double>(delay) * fraction));
    return std::max<std::int64_t>(delay - cut, 1);
}

double JitterOf(std::int64_t message_id, int attempt) {
    // SplitMix64 finaliser over the pair: well spread, cheap, stable across platforms.
    std::uint64_t x =
        static_cast<std::uint64_t>(message_id) * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(attempt);
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return static_cast<double>(x >> 11) / static_cast<double>(1ULL << 53);
}

bool MayRetry(int attempts, const BackoffPolicy& policy) {
    return attempts < std::max(policy.max_attempts, 1);
}

}  // namespace voronka::messaging
