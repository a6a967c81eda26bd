#include "messaging/sms_text.hpp"

#include <vector>

#include "core/text.hpp"

namespace voronka::messaging {
namespace {

constexpr int kGsmSingle = 160;
constexpr int kGsmPart = 153;
constexpr int kUcsSingle = 70;
constexpr int kUcsPart = 67;

// The GSM 03.38 default alphabet, without the escape to the extension table.
constexpr std::u32string_view kGsmBasic =
    U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    U"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
// The extension table: each is sent as an escape and the character.
constexpr std::u32string_view kGsmExtension = U"\f^{}\\[~]|€";

// Septets of `cp` in GSM-7; 0 when GSM-7 cannot carry it.
int GsmSeptets(char32_t cp) {
    if (kGsmBasic.find(cp) != std::u32string_view::npos) return 1;
    if (kGsmExtension.find(cp) != std::u32string_view::npos) return 2;
    return 0;
}

// Parts needed for characters of the given sizes, none of which may be cut.
int PackParts(const std::vector<int>& sizes, int total, int single, int per_part) {
    if (total == 0) return 0;
    if (total <= single) return 1;
    int parts = 1;
    int used = 0;
    for (const int size : sizes) {
        if (used + size > per_part) {
            ++parts;
            used = 0;
        }
        used += size;
    }
    return parts;
}

}  // namespace

std::string_view SmsEncodingName(SmsEncoding encoding) {
    return encoding == SmsEncoding::kGsm7 ? "GSM-7" : "UCS-2";
}

SmsParts CountSmsParts(std::string_view utf8) {
    std::vector<char32_t> code_points;
    for (std::size_t i = 0; i < utf8.size();) code_points.push_back(NextCodePoint(utf8, i));

    SmsParts result;
    result.characters = code_points.size();
    std::vector<int> sizes;
    sizes.reserve(code_points.size());
    bool gsm = true;
    for (const char32_t cp : code_points) {
        const int septets = GsmSeptets(cp);
        if (septets == 0) {
            gsm = false;
            break;
        }
        sizes.push_back(septets);
    }
    if (!gsm) {
        sizes.clear();
        for (const char32_t cp : code_points) sizes.push_back(cp > 0xFFFF ? 2 : 1);
    }
    int total = 0;
    for (const int size : sizes) total += size;
    result.encoding = gsm ? SmsEncoding::kGsm7 : SmsEncoding::kUcs2;
    result.units = static_cast<std::size_t>(total);
    result.parts =
        gsm ? PackParts(sizes, total, kGsmSingle, kGsmPart) : PackParts(sizes, total, kUcsSingle, kUcsPart);
    return result;
}

}  // namespace voronka::messaging
