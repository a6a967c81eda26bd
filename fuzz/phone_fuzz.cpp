// Phone normalisation (core/phone.hpp, libphonenumber behind it). The first byte picks the
// default region ('0' RU, '1' ru, '2' KZ, '3' BY, '4' DE, '5' US, '6' none, '7' ZZ, and so on
// modulo 8), the rest is the written number. A number that
// normalises is E.164, normalises to itself under any region, and is found by its own digits.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/phone.hpp"
#include "property.hpp"

using voronka::fuzz::Expect;

namespace {

constexpr std::array<std::string_view, 8> kRegions = {"RU", "ru", "KZ", "BY", "DE", "US", "", "ZZ"};

// "+", a country code and the national number, in digits. Not held to E.164's 15 digits:
// libphonenumber finds some longer numbers valid (German ones of 16 digits, docs/fuzzing.md), and
// it is the authority here.
bool IsE164(std::string_view text) {
    if (text.size() < 3 || text.size() > 21 || text[0] != '+' || text[1] == '0') return false;
    for (const char c : text.substr(1)) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view region = kRegions[data[0] % kRegions.size()];
    const std::string_view text = voronka::fuzz::TextOf(data + 1, size - 1);
    (void)voronka::IsPhoneRegion(text);
    (void)voronka::PhoneSearchKey(text, region);
    const auto e164 = voronka::NormalizePhone(text, region, "phone");
    if (!e164) return 0;
    Expect(IsE164(*e164), "a normalised phone is E.164");
    for (const std::string_view other : {region, std::string_view("US")}) {
        const auto again = voronka::NormalizePhone(*e164, other, "phone");
        Expect(again && *again == *e164, "a normalised phone normalises to itself");
    }
    Expect(voronka::PhoneSearchKey(*e164, region) == voronka::PhoneDigits(*e164),
           "a normalised phone is searched by its digits");
    return 0;
}
