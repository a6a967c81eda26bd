// Text rules shared by every module: UTF-8 validity and case folding. Owned by core. Pure
// functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace voronka {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Lower-cases Latin (ASCII, Latin-1, Latin Extended-A) and Cyrillic letters of valid UTF-8 text;
// other characters pass unchanged. Used for case-insensitive keys such as e-mail addresses.
std::string FoldCase(std::string_view text);

// Trims ASCII white space at both ends.
std::string_view Trim(std::string_view text);

// The number of code points in valid UTF-8 text.
std::size_t Utf8Length(std::string_view text);

}  // namespace voronka
