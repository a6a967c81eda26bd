// Values formatted for people in the organisation's language (`ru` or `en`) and IANA time zone:
// money, date-times and dates as templates show them. Owned by messaging. Pure functions over
// ICU's calendar (its own copy of the tz database), thread-safe.
//
// Choices, fixed here and tested in format_test.cpp:
// - ru money: digits grouped by three with a no-break space U+00A0, a decimal comma, the
//   currency's symbol after a no-break space: `1 250 000 ₽`, `1 250 000,50 ₽`.
// - en money: the ISO code, a space, digits grouped with commas, a decimal point:
//   `RUB 1,250,000`, `RUB 1,250,000.50` (the code, not `₽`, keeps an English SMS in GSM-7).
// - Minor units are shown only when they are not zero. A currency the product does not know
//   is written with its code in both languages and two minor digits.
// - A time zone ICU does not know is treated as UTC (settings accept only names found in
//   /usr/share/zoneinfo, which ICU knows as well).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace voronka::messaging {

// An amount in minor units of `currency` (ISO 4217): `1 250 000 ₽` (ru), `RUB 1,250,000` (en).
// Any language other than "en" formats as ru.
std::string FormatMoney(std::int64_t minor_units, std::string_view currency, std::string_view language);

// A moment in the zone's wall-clock time: `28 ноября, 15:00` (ru, genitive month),
// `28 November, 15:00` (en).
std::string FormatDateTime(UnixTime at, const std::string& time_zone, std::string_view language);

// A calendar date written YYYY-MM-DD: `28 ноября 2026` (ru), `28 November 2026` (en); nullopt
// when the text is not such a date.
std::optional<std::string> FormatDate(std::string_view date_yyyy_mm_dd, std::string_view language);

// The first moment of the day `date_yyyy_mm_dd` in `time_zone` (00:00 local, or the first
// instant after a daylight-saving gap that swallows midnight); nullopt when the text is not a
// YYYY-MM-DD date or ICU does not know the zone.
std::optional<UnixTime> LocalMidnight(std::string_view date_yyyy_mm_dd, const std::string& time_zone);

}  // namespace voronka::messaging
