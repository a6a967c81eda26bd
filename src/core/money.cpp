#include "core/money.hpp"

#include <array>
#include <limits>

namespace voronka {
namespace {

// When adding a currency, also add it to kCodes below.
constexpr std::array kCurrencies{
    Currency{"RUB", 2, "₽"}, Currency{"USD", 2, "$"},   Currency{"EUR", 2, "€"},   Currency{"KZT", 2, "₸"},
    Currency{"BYN", 2, "Br"},  Currency{"UZS", 2, "сўм"}, Currency{"CNY", 2, "¥"},   Currency{"GBP", 2, "£"},
    Currency{"AMD", 2, "֏"},   Currency{"GEL", 2, "₾"}, Currency{"AED", 2, "AED"}, Currency{"TRY", 2, "₺"},
};
constexpr std::string_view kCodes = "RUB, USD, EUR, KZT, BYN, UZS, CNY, GBP, AMD, GEL, AED, TRY";

}  // namespace

std::optional<Currency> FindCurrency(std::string_view code) {
    for (const auto& currency : kCurrencies) {
        if (currency.code == code) return currency;
    }
    return std::nullopt;
}

std::string_view SupportedCurrencyCodes() {
    return kCodes;
}

std::int64_t JoinAmountParts(std::int64_t billions, std::int64_t rest) {
    std::int64_t scaled = 0;
    if (__builtin_mul_overflow(billions, kAmountPartUnit, &scaled))
        return std::numeric_limits<std::int64_t>::max();
    return AddTotals(scaled, rest);
}

std::int64_t AddTotals(std::int64_t a, std::int64_t b) {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) return std::numeric_limits<std::int64_t>::max();
    return sum;
}

}  // namespace voronka
