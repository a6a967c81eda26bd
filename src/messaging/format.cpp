#include "messaging/format.hpp"

#include <fmt/format.h>
#include <unicode/ucal.h>

#include <array>
#include <charconv>
#include <cmath>
#include <memory>
#include <string>

#include "core/money.hpp"
#include "crm/custom_fields.hpp"

namespace voronka::messaging {
namespace {

constexpr std::string_view kNoBreakSpace = "\u00A0";

constexpr std::array<std::string_view, 12> kMonthsRuGenitive{"января",   "февраля", "марта",  "апреля",
                                                             "мая",      "июня",    "июля",   "августа",
                                                             "сентября", "октября", "ноября", "декабря"};
constexpr std::array<std::string_view, 12> kMonthsEn{"January",   "February", "March",    "April",
                                                     "May",       "June",     "July",     "August",
                                                     "September", "October",  "November", "December"};

bool IsEnglish(std::string_view language) {
    return language == "en";
}

std::string_view MonthName(int month /* 1..12 */, std::string_view language) {
    return IsEnglish(language) ? kMonthsEn.at(month - 1) : kMonthsRuGenitive.at(month - 1);
}

// Digits of `value` grouped by three from the right with `separator`.
std::string GroupDigits(std::uint64_t value, std::string_view separator) {
    const std::string digits = std::to_string(value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return out;
}

struct CalendarCloser {
    void operator()(UCalendar* calendar) const { ucal_close(calendar); }
};
using Calendar = std::unique_ptr<UCalendar, CalendarCloser>;

// A Gregorian calendar in `time_zone`; nullopt-like (null) when ICU does not know the zone.
Calendar OpenCalendar(const std::string& time_zone) {
    const std::u16string zone(time_zone.begin(), time_zone.end());  // IANA names are ASCII
    UErrorCode status = U_ZERO_ERROR;
    std::array<UChar, 128> canonical{};
    UBool is_system = false;
    ucal_getCanonicalTimeZoneID(zone.data(), static_cast<int32_t>(zone.size()), canonical.data(),
                                static_cast<int32_t>(canonical.size()), &is_system, &status);
    if (U_FAILURE(status) || !is_system) return nullptr;
    status = U_ZERO_ERROR;
    Calendar calendar(
        ucal_open(zone.data(), static_cast<int32_t>(zone.size()), "en_US", UCAL_GREGORIAN, &status));
    if (U_FAILURE(status)) return nullptr;
    return calendar;
}

Calendar OpenCalendarOrUtc(const std::string& time_zone) {
    if (auto calendar = OpenCalendar(time_zone)) return calendar;
    return OpenCalendar("UTC");
}

struct Ymd {
    int year = 0, month = 0, day = 0;
};

std::optional<Ymd> ParseDate(std::string_view text) {
    if (!crm::IsIsoDate(text)) return std::nullopt;
    Ymd d;
    std::from_chars(text.data(), text.data() + 4, d.year);
    std::from_chars(text.data() + 5, text.data() + 7, d.month);
    std::from_chars(text.data() + 8, text.data() + 10, d.day);
    return d;
}

}  // namespace

std::string FormatMoney(std::int64_t minor_units, std::string_view currency, std::string_view language) {
    const auto known = FindCurrency(currency);
    const int minor_digits = known ? known->minor_digits : 2;
    std::uint64_t scale = 1;
    for (int i = 0; i < minor_digits; ++i) scale *= 10;
    const bool negative = minor_units < 0;
    const std::uint64_t magnitude = negative ? static_cast<std::uint64_t>(-(minor_units + 1)) + 1
                                             : static_cast<std::uint64_t>(minor_units);
    const std::uint64_t whole = magnitude / scale;
    const std::uint64_t fraction = magnitude % scale;
    const bool english = IsEnglish(language);

    std::string number = negative ? "-" : "";
    number += GroupDigits(whole, english ? "," : kNoBreakSpace);
    if (fraction != 0) {
        number += english ? "." : ",";
        number += fmt::format("{:0{}}", fraction, minor_digits);
    }
    if (english) return fmt::format("{} {}", currency, number);
    const std::string_view unit = known ? known->symbol : currency;
    return fmt::format("{}{}{}", number, kNoBreakSpace, unit);
}

std::string FormatDateTime(UnixTime at, const std::string& time_zone, std::string_view language) {
    const Calendar calendar = OpenCalendarOrUtc(time_zone);
    UErrorCode status = U_ZERO_ERROR;
    ucal_setMillis(calendar.get(), static_cast<UDate>(at) * 1000.0, &status);
    const int month = ucal_get(calendar.get(), UCAL_MONTH, &status) + 1;
    const int day = ucal_get(calendar.get(), UCAL_DATE, &status);
    const int hour = ucal_get(calendar.get(), UCAL_HOUR_OF_DAY, &status);
    const int minute = ucal_get(calendar.get(), UCAL_MINUTE, &status);
    if (U_FAILURE(status)) return FormatIso8601(at);
    return fmt::format("{} {}, {:02}:{:02}", day, MonthName(month, language), hour, minute);
}

std::optional<std::string> FormatDate(std::string_view date_yyyy_mm_dd, std::string_view language) {
    const auto date = ParseDate(date_yyyy_mm_dd);
    if (!date) return std::nullopt;
    return fmt::format("{} {} {}", date->day, MonthName(date->month, language), date->year);
}

std::optional<UnixTime> LocalMidnight(std::string_view date_yyyy_mm_dd, const std::string& time_zone) {
    const auto date = ParseDate(date_yyyy_mm_dd);
    if (!date) return std::nullopt;
    const Calendar calendar = OpenCalendar(time_zone);
    if (!calendar) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    ucal_clear(calendar.get());
    ucal_setDateTime(calendar.get(), date->year, date->month - 1, date->day, 0, 0, 0, &status);
    const UDate millis = ucal_getMillis(calendar.get(), &status);
    if (U_FAILURE(status)) return std::nullopt;
    return static_cast<UnixTime>(std::floor(millis / 1000.0));
}

}  // namespace voronka::messaging
