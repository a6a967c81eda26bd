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

// The first and last instants of the years 0000 to 9999 that ISO 8601 text writes with four
// digits: 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
inline constexpr UnixTime kFirstIso8601Time = -62167219200;
inline constexpr UnixTime kLastIso8601Time = 253402300799;

// Parses "2026-11-27T10:00:00Z", with optional fractional seconds (dropped) and a "+03:00" style
// offset instead of Z. Answers nullopt for anything else, and for an instant outside
// kFirstIso8601Time..kLastIso8601Time ("0000-01-01T00:00:00+01:00"), so that every parsed time
// formats back to text that parses to it.
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
