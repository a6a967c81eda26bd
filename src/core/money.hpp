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

// The currency with this ISO 4217 code among those the product supports; nullopt otherwise.
std::optional<Currency> FindCurrency(std::string_view code);

// The supported codes, comma-separated, for error messages.
std::string_view SupportedCurrencyCodes();

}  // namespace voronka
