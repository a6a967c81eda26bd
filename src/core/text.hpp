// Text rules shared by every module: UTF-8 validity and case folding. Owned by core. Pure
// functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace voronka {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Lower-cases Latin (ASCII, Latin-1, Latin Extended-A) and Cyrillic letters; other characters pass
// unchanged, and an ill-formed UTF-8 sequence becomes U+FFFD. Used for case-insensitive keys such
// as e-mail addresses.
std::string FoldCase(std::string_view text);

// The code point at byte `i` of `text` (requires i < text.size()), advancing `i` past it. An
// ill-formed or truncated sequence gives U+FFFD and advances `i` by one byte.
char32_t NextCodePoint(std::string_view text, std::size_t& i);

// Appends the UTF-8 form of the Unicode scalar value `cp` to `out`.
void AppendUtf8(char32_t cp, std::string& out);

// True when `text` holds a C0 control character (U+0000..U+001F) or DEL.
bool HasControlCharacter(std::string_view text);

// Trims ASCII white space at both ends.
std::string_view Trim(std::string_view text);

// The number of code points in valid UTF-8 text.
std::size_t Utf8Length(std::string_view text);

}  // namespace voronka
