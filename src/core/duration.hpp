// ISO 8601 durations as stage limits, delays and reminders use them ("P3D", "PT4H", "P1DT30M").
// Owned by core. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace voronka {

// Seconds of a duration `PnW` or `PnDTnHnMnS` (any part may be absent, at least one present;
// years and months are refused because their length varies). nullopt when malformed, negative
// or longer than 100 years.
std::optional<std::int64_t> ParseIsoDuration(std::string_view text);

// The shortest canonical form of a number of seconds: 259200 -> "P3D", 5400 -> "PT1H30M",
// 0 -> "PT0S".
std::string FormatIsoDuration(std::int64_t seconds);

}  // namespace voronka
