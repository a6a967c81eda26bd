// Time as the program keeps it: UTC seconds since the Unix epoch, ISO 8601 on the wire, and an
// injectable clock. Owned by core. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace voronka {

// Seconds since 1970-01-01T00:00:00Z.
using UnixTime = std::int64_t;

// "2026-11-27T10:00:00Z".
std::string FormatIso8601(UnixTime t);

// Parses "2026-11-27T10:00:00Z", with optional fractional seconds (dropped) and a "+03:00" style
// offset instead of Z. Answers nullopt for anything else.
std::optional<UnixTime> ParseIso8601(std::string_view text);

// The source of "now" for domain rules, so that tests can move time without sleeping.
class Clock {
public:
    virtual ~Clock() = default;
    virtual UnixTime Now() const = 0;
};

// The system's wall clock.
class SystemClock final : public Clock {
public:
    UnixTime Now() const override;
};

}  // namespace voronka
