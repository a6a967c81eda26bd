#include "core/validation.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace voronka {

Result<std::string> CheckText(std::string_view value, std::string_view field, std::size_t max_length) {
    const std::string_view trimmed = Trim(value);
    if (trimmed.empty())
        return Error::Validation(fmt::format("{} must not be empty", field), std::string(field));
    if (HasControlCharacter(trimmed)) {
        return Error::Validation(fmt::format("{} must not contain control characters", field),
                                 std::string(field));
    }
    if (Utf8Length(trimmed) > max_length) {
        return Error::Validation(fmt::format("{} is longer than {} characters", field, max_length),
                                 std::string(field));
    }
    return std::string(trimmed);
}

Result<std::string> CheckEmail(std::string_view value, std::string_view field) {
    const std::string_view email = Trim(value);
    const auto at = email.find('@');
    const bool well_formed = at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
                             email.find('@', at + 1) == std::string_view::npos &&
                             email.find_first_of(" ,;<>\"") == std::string_view::npos &&
                             !HasControlCharacter(email) && email.size() <= 254;
    if (!well_formed) {
        return Error::Validation(fmt::format("{} is not an e-mail address", field), std::string(field));
    }
    return std::string(email);
}

namespace {

bool IsLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Midnight UTC of 1 January of `year` (proleptic Gregorian), for the bounds of CheckUserTime.
UnixTime YearStart(int year) {
    const auto parsed = ParseIso8601(fmt::format("{:04d}-01-01T00:00:00Z", year));
    return parsed.value_or(0);
}

}  // namespace

Status CheckUserTime(UnixTime at, std::string_view field) {
    static const UnixTime kFirst = YearStart(kFirstUserYear);
    static const UnixTime kEnd = YearStart(kLastUserYear + 1);
    if (at < kFirst || at >= kEnd) {
        return Error::Validation(
            fmt::format("{} must be between {}-01-01 and {}-12-31", field, kFirstUserYear, kLastUserYear),
            std::string(field));
    }
    return Ok{};
}

Status CheckUserDate(std::string_view text, std::string_view field) {
    const auto bad = [&] {
        return Error::Validation(fmt::format("{} must be a date YYYY-MM-DD between {}-01-01 and {}-12-31",
                                             field, kFirstUserYear, kLastUserYear),
                                 std::string(field));
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (text[i] < '0' || text[i] > '9') return bad();
    }
    const auto number = [&](std::size_t from, std::size_t length) {
        int value = 0;
        for (std::size_t i = from; i < from + length; ++i) value = value * 10 + (text[i] - '0');
        return value;
    };
    const int year = number(0, 4);
    const int month = number(5, 2);
    const int day = number(8, 2);
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < kFirstUserYear || year > kLastUserYear || month < 1 || month > 12 || day < 1) return bad();
    if (day > kDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0)) return bad();
    return Ok{};
}

Error NotOneOf(std::string_view field, std::string_view allowed) {
    return Error::Validation(fmt::format("{} must be one of: {}", field, allowed), std::string(field));
}

}  // namespace voronka
