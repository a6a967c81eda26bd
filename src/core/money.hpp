// Money as integer minor units plus an ISO 4217 currency. Owned by core. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace voronka {

struct Currency {
    std::string_view code;    // "RUB"
    int minor_digits;         // 2: amounts are kopecks
    std::string_view symbol;  // "₽"
};

// The largest amount of a lead or deal, in minor units: 10^15, i.e. 10 trillion roubles (or
// dollars, euros...) at 2 minor digits. Below 2^53, so a JSON client reading numbers as doubles
// still gets it exactly; and 9,223 amounts of this size still add up within int64 (the board's
// totals are computed wider anyway: crm/board_service.cpp). Amounts are never negative. When
// changing it, also change the OpenAPI schemas of amount (src/api/openapi/crm_pipelines.json) and
// docs/crm.md.
inline constexpr std::int64_t kMaxAmount = 1'000'000'000'000'000;

// A total of many amounts: SQL answers it in two parts, `billions` (the sum of amount / 10^9) and
// `rest` (the sum of amount % 10^9), so that no SQL sum overflows on either back end. Answers
// billions * 10^9 + rest, capped at the int64 maximum (only reached by more than 9,223 amounts of
// kMaxAmount in one total). Never overflows.
inline constexpr std::int64_t kAmountPartUnit = 1'000'000'000;
std::int64_t JoinAmountParts(std::int64_t billions, std::int64_t rest);

// a + b for non-negative totals, capped at the int64 maximum like JoinAmountParts.
std::int64_t AddTotals(std::int64_t a, std::int64_t b);

// The currency with this ISO 4217 code among those the product supports; nullopt otherwise.
std::optional<Currency> FindCurrency(std::string_view code);

// The supported codes, comma-separated, for error messages.
std::string_view SupportedCurrencyCodes();

}  // namespace voronka
