#include "core/search.hpp"

#include "core/text.hpp"

namespace voronka {
namespace {

// C0 and C1 controls, DEL and the Unicode spaces and line separators.
bool IsSpaceLike(char32_t cp) {
    return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Characters that do not show: soft hyphen, zero-width space, non-joiner, joiner, word joiner, BOM.
bool IsInvisible(char32_t cp) {
    return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

constexpr char32_t kSmallIe = 0x435;      // е
constexpr char32_t kSmallIo = 0x451;      // ё
constexpr char32_t kSmallI = 0x438;       // и
constexpr char32_t kSmallShortI = 0x439;  // й
constexpr char32_t kCombiningBreve = 0x306;
constexpr char32_t kCombiningDiaeresis = 0x308;

}  // namespace

std::string FoldForSearch(std::string_view text) {
    const std::string folded = FoldCase(text);
    std::string out;
    out.reserve(folded.size());
    bool pending_space = false;
    char32_t last = 0;
    std::size_t last_at = 0;
    std::size_t i = 0;
    while (i < folded.size()) {
        char32_t cp = NextCodePoint(folded, i);
        if (IsSpaceLike(cp)) {
            pending_space = !out.empty();
            continue;
        }
        if (IsInvisible(cp)) continue;
        if (cp == kSmallIo) cp = kSmallIe;
        if (!pending_space && cp == kCombiningDiaeresis && last == kSmallIe) continue;
        if (!pending_space && cp == kCombiningBreve && last == kSmallI) {
            out.resize(last_at);
            AppendUtf8(kSmallShortI, out);
            last = kSmallShortI;
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        last = cp;
        last_at = out.size();
        AppendUtf8(cp, out);
    }
    return out;
}

std::string SearchDocument(std::initializer_list<std::string_view> parts) {
    std::string document;
    for (const std::string_view part : parts) {
        std::string folded = FoldForSearch(part);
        if (folded.empty()) continue;
        if (!document.empty()) document += kSearchPartSeparator;
        document += folded;
    }
    return document;
}

bool UsesTrigramIndex(std::string_view folded_query) {
    return Utf8Length(folded_query) >= kTrigramMinLength;
}

std::string EscapeLike(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '\\' || c == '%' || c == '_') out += '\\';
        out += c;
    }
    return out;
}

std::string Fts5Phrase(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace voronka
