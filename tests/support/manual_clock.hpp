// A Clock whose time the test sets: time-based behaviour (schedulers, retries, leases) is driven
// without sleeping. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/time.hpp"

namespace voronka::test {

class ManualClock final : public Clock {
public:
    explicit ManualClock(UnixTime start) : now_(start) {}

    UnixTime Now() const override { return now_.load(); }
    void Set(UnixTime t) { now_.store(t); }
    void Advance(std::int64_t seconds) { now_ += seconds; }

private:
    std::atomic<UnixTime> now_;
};

}  // namespace voronka::test
