#include "core/money.hpp"

#include <array>

namespace voronka {
namespace {

// When adding a currency, also add it to kCodes below.
constexpr std::array kCurrencies{
    Currency{"RUB", 2, "₽"}, Currency{"USD", 2, "$"},  Currency{"EUR", 2, "€"},
    Currency{"KZT", 2, "₸"}, Currency{"BYN", 2, "Br"}, Currency{"UZS", 2, "сўм"},
    Currency{"CNY", 2, "¥"}, Currency{"GBP", 2, "£"},  Currency{"AMD", 2, "֏"},
    Currency{"GEL", 2, "₾"}, Currency{"AED", 2, "AED"}, Currency{"TRY", 2, "₺"},
};
constexpr std::string_view kCodes = "RUB, USD, EUR, KZT, BYN, UZS, CNY, GBP, AMD, GEL, AED, TRY";

}  // namespace

std::optional<Currency> FindCurrency(std::string_view code) {
    for (const auto& currency : kCurrencies) {
        if (currency.code == code) return currency;
    }
    return std::nullopt;
}

std::string_view SupportedCurrencyCodes() { return kCodes; }

}  // namespace voronka
