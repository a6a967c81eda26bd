// Checks of common input values, answering a validation error that names the field. Owned by
// core. Pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/time.hpp"

namespace voronka {

// A non-empty one-line text of at most `max_length` characters after trimming, without control
// characters; answers the trimmed text.
Result<std::string> CheckText(std::string_view value, std::string_view field, std::size_t max_length = 200);

// An e-mail address: local@domain, no spaces or control characters, at most 254 bytes; answers
// it trimmed.
Result<std::string> CheckEmail(std::string_view value, std::string_view field);

// The years of every date and time a user sends (task due_at, expected_close_on, date custom
// fields): 1900-01-01 up to 2200-12-31 inclusive. A year 0000 or 9999 is a typo or a probe, never
// a plan. When changing them, also change docs/crm.md and the OpenAPI descriptions of due_at and
// expected_close_on.
inline constexpr int kFirstUserYear = 1900;
inline constexpr int kLastUserYear = 2200;

// A time a user sent, within the years above; Validation naming `field` otherwise.
Status CheckUserTime(UnixTime at, std::string_view field);

// A calendar date YYYY-MM-DD that exists, within the years above; Validation naming `field`
// otherwise.
Status CheckUserDate(std::string_view text, std::string_view field);

// A value that must be one of `allowed`, for error messages listing them.
Error NotOneOf(std::string_view field, std::string_view allowed);

}  // namespace voronka
