#include "core/phone.hpp"

#include <fmt/format.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <array>

#include "core/text.hpp"

namespace voronka {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// Longer text is not a phone number; libphonenumber itself stops at 250 characters.
constexpr std::size_t kMaxPhoneText = 64;

// Separators people paste with numbers: no-break, thin and narrow no-break spaces, hyphen to
// horizontal bar, minus sign.
constexpr std::array<std::string_view, 10> kUnicodeSeparators = {
    "\u00A0", "\u2009", "\u202F", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"};

std::string UpperRegion(std::string_view region) {
    std::string upper(region);
    for (char& c : upper) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return upper;
}

// The text in the ASCII alphabet of digits, a leading '+' and spaces; nullopt when it holds any
// other character or a '+' after a digit.
std::optional<std::string> PhoneAlphabet(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool digit_seen = false;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            out += c;
            digit_seen = true;
            ++i;
        } else if (c == '+') {
            if (digit_seen || out.find('+') != std::string::npos) return std::nullopt;
            out += c;
            ++i;
        } else if (c == ' ' || c == '\t' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')') {
            out += ' ';
            ++i;
        } else {
            const std::string_view rest = text.substr(i);
            std::size_t length = 0;
            for (const std::string_view separator : kUnicodeSeparators) {
                if (rest.starts_with(separator)) length = separator.size();
            }
            if (length == 0) return std::nullopt;
            out += ' ';
            i += length;
        }
    }
    return out;
}

// The E.164 form of text in the phone alphabet when it is a valid number.
std::optional<std::string> ValidE164(const std::string& text, const std::string& region,
                                     PhoneNumberUtil::ErrorType* parse_error = nullptr) {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const auto error = util.Parse(text, region, &number);
    if (parse_error != nullptr) *parse_error = error;
    if (error != PhoneNumberUtil::NO_PARSING_ERROR || !util.IsValidNumber(number)) return std::nullopt;
    std::string e164;
    util.Format(number, PhoneNumberUtil::E164, &e164);
    return e164;
}

}  // namespace

bool IsPhoneRegion(std::string_view region) {
    if (region.size() != 2) return false;
    return PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(UpperRegion(region)) != 0;
}

Result<std::string> NormalizePhone(std::string_view text, std::string_view default_region,
                                   std::string_view field) {
    const std::string_view trimmed = Trim(text);
    if (trimmed.empty()) {
        return Error::Validation(fmt::format("{} must not be empty", field), std::string(field));
    }
    if (trimmed.size() > kMaxPhoneText) {
        return Error::Validation(fmt::format("{} is too long for a phone number", field), std::string(field));
    }
    const auto alphabet = PhoneAlphabet(trimmed);
    if (!alphabet) {
        return Error::Validation(
            fmt::format("{} must be a phone number: digits, an optional leading +, spaces, dashes and "
                        "brackets",
                        field),
            std::string(field));
    }
    PhoneNumberUtil::ErrorType parse_error = PhoneNumberUtil::NO_PARSING_ERROR;
    auto e164 = ValidE164(*alphabet, UpperRegion(default_region), &parse_error);
    if (e164) return std::move(*e164);
    if (parse_error == PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR) {
        return Error::Validation(
            fmt::format("{} has no known country code; write it with + and the country code", field),
            std::string(field));
    }
    return Error::Validation(fmt::format("{} is not a valid phone number", field), std::string(field));
}

std::optional<std::string> PhoneSearchKey(std::string_view query, std::string_view default_region) {
    const std::string_view trimmed = Trim(query);
    int digits = 0;
    for (const char c : trimmed) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')') {
            return std::nullopt;
        }
    }
    if (digits < 5) return std::nullopt;
    if (const auto alphabet = PhoneAlphabet(trimmed)) {
        if (const auto e164 = ValidE164(*alphabet, UpperRegion(default_region))) return PhoneDigits(*e164);
    }
    return PhoneDigits(trimmed);
}

std::string PhoneDigits(std::string_view e164) {
    std::string digits;
    digits.reserve(e164.size());
    for (const char c : e164) {
        if (c >= '0' && c <= '9') digits += c;
    }
    return digits;
}

}  // namespace voronka
