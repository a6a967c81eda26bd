#include "core/text.hpp"

#include <cstdint>

namespace voronka {
namespace {

// Decodes the well-formed sequence at `i` into `cp` and advances `i` past it; false, leaving `i`
// unchanged, when the sequence is ill-formed or truncated.
bool Decode(std::string_view text, std::size_t& i, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
        cp = b0;
        ++i;
        return true;
    }
    int extra;
    char32_t min;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        extra = 1;
        min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        extra = 2;
        min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        extra = 3;
        min = 0x10000;
    } else {
        return false;
    }
    if (i + extra >= text.size()) return false;
    char32_t value = b0 & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        if ((b & 0xC0) != 0x80) return false;
        value = (value << 6) | (b & 0x3F);
    }
    if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
    cp = value;
    i += extra + 1;
    return true;
}

char32_t LowerCodePoint(char32_t cp) {
    if (cp >= U'A' && cp <= U'Z') return cp + 0x20;
    if (cp < 0xC0) return cp;
    // Latin-1 Supplement: À..Þ except ×.
    if (cp <= 0xDE) return cp == 0xD7 ? cp : cp + 0x20;
    // Latin Extended-A: pairs upper/lower, with the odd runs of İ..ĸ and Ĺ..ň, Ÿ, Ź..ž.
    if (cp >= 0x100 && cp <= 0x137) return (cp % 2 == 0) ? cp + 1 : cp;
    if (cp >= 0x139 && cp <= 0x148) return (cp % 2 == 1) ? cp + 1 : cp;
    if (cp >= 0x14A && cp <= 0x177) return (cp % 2 == 0) ? cp + 1 : cp;
    if (cp == 0x178) return 0xFF;
    if (cp >= 0x179 && cp <= 0x17E) return (cp % 2 == 1) ? cp + 1 : cp;
    // Cyrillic: Ѐ..Џ -> ѐ..џ, А..Я -> а..я, Ѡ..ҁ and Ҋ..ӿ pairs (Ӏ -> ӏ apart).
    if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
    if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
    if (cp >= 0x460 && cp <= 0x481) return (cp % 2 == 0) ? cp + 1 : cp;
    if (cp >= 0x48A && cp <= 0x4BF) return (cp % 2 == 0) ? cp + 1 : cp;
    if (cp == 0x4C0) return 0x4CF;
    if (cp >= 0x4C1 && cp <= 0x4CE) return (cp % 2 == 1) ? cp + 1 : cp;
    if (cp >= 0x4D0 && cp <= 0x52F) return (cp % 2 == 0) ? cp + 1 : cp;
    return cp;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
    std::size_t i = 0;
    char32_t cp;
    while (i < text.size()) {
        if (!Decode(text, i, cp)) return false;
    }
    return true;
}

char32_t NextCodePoint(std::string_view text, std::size_t& i) {
    char32_t cp;
    if (Decode(text, i, cp)) return cp;
    ++i;
    return 0xFFFD;
}

void AppendUtf8(char32_t cp, std::string& out) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string FoldCase(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        AppendUtf8(LowerCodePoint(NextCodePoint(text, i)), out);
    }
    return out;
}

bool HasControlCharacter(std::string_view text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) return true;
    }
    return false;
}

std::string_view Trim(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n\f\v";
    const auto begin = text.find_first_not_of(kSpace);
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(kSpace);
    return text.substr(begin, end - begin + 1);
}

std::size_t Utf8Length(std::string_view text) {
    std::size_t count = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    }
    return count;
}

}  // namespace voronka
