// Phone numbers: parsing any written form into E.164 and deriving search keys. Owned by core;
// backed by libphonenumber, which stays behind this header. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace voronka {

// True when `region` is an ISO 3166-1 alpha-2 code that libphonenumber knows ("RU", "de").
// For validating the default region of the settings.
bool IsPhoneRegion(std::string_view region);

// The E.164 form of a written phone number ("+79991234567"). `default_region` (ISO 3166-1
// alpha-2, any case) applies to numbers written without "+": with "RU", `8 (999) 123-45-67`,
// `+7 999 1234567`, `79991234567` and `89991234567` are all "+79991234567".
// Accepted characters: digits, one leading "+", spaces, "-", ".", "/", "(" and ")" (also the
// Unicode no-break and thin spaces, dashes and minus). Letters, extensions and anything else are
// refused rather than guessed at. A number must be valid for its country, not merely possible:
// "123" is refused, never padded into "+7123".
// Errors: validation_failed naming `field` when the text is empty, has other characters, has an
// unknown country code, or is not a valid number.
Result<std::string> NormalizePhone(std::string_view text, std::string_view default_region,
                                   std::string_view field);

// The key to search phone digits with when a search query looks like a phone number: only
// digits, spaces, "+", "-", "(" and ")", with at least 5 digits. A query that parses as a valid
// number gives the digits of its E.164 form ("8 (999) 123-45-67" -> "79991234567"); any other
// phone-like query gives its bare digits, to find it as a fragment ("123-45" -> "12345").
// nullopt when the query is not phone-like, and is then searched as text.
std::optional<std::string> PhoneSearchKey(std::string_view query, std::string_view default_region);

// The digits of an E.164 number without the "+" ("+79991234567" -> "79991234567"), as they are
// stored in search columns. Keeps only the ASCII digits of any text.
std::string PhoneDigits(std::string_view e164);

}  // namespace voronka
