#include "core/text.hpp"

#include <gtest/gtest.h>

namespace voronka {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
    EXPECT_TRUE(IsValidUtf8(""));
    EXPECT_TRUE(IsValidUtf8("plain ascii"));
    EXPECT_TRUE(IsValidUtf8("Пётр Иванов, 1 250 000 ₽"));
    EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // emoji, 4 bytes
}

TEST(Utf8, RejectsMalformedText) {
    EXPECT_FALSE(IsValidUtf8("\xFF"));
    EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(IsValidUtf8("\xD0"));              // truncated 2-byte sequence
    EXPECT_FALSE(IsValidUtf8("abc\xE2\x82"));       // truncated 3-byte sequence at the end
    EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation byte
}

TEST(FoldCase, LowersLatinAndCyrillic) {
    EXPECT_EQ(FoldCase("Ivan.PETROV@Example.COM"), "ivan.petrov@example.com");
    EXPECT_EQ(FoldCase("ИВАНОВ Пётр Ёлкин"), "иванов пётр ёлкин");
    EXPECT_EQ(FoldCase("ÀÉÖ Łódź ŽĎ"), "àéö łódź žď");
    EXPECT_EQ(FoldCase("1 250 000 ₽ ×"), "1 250 000 ₽ ×");
}

TEST(FoldCase, IllFormedSequencesBecomeReplacementCharacter) {
    EXPECT_EQ(FoldCase("A\xFFZ"), "a\uFFFDz");
    EXPECT_EQ(FoldCase("Я\xD0"), "я\uFFFD");            // truncated at the end
    EXPECT_EQ(FoldCase("\xF0\x9FZ"), "\uFFFD\uFFFDz");  // each stray byte is replaced
}

TEST(NextCodePoint, DecodesAndAdvances) {
    const std::string_view text = "aЖ\u20AC\xFF";
    std::size_t i = 0;
    EXPECT_EQ(NextCodePoint(text, i), U'a');
    EXPECT_EQ(NextCodePoint(text, i), U'\u0416');
    EXPECT_EQ(NextCodePoint(text, i), U'\u20AC');
    EXPECT_EQ(NextCodePoint(text, i), U'\uFFFD');
    EXPECT_EQ(i, text.size());
    std::string out;
    for (const char32_t cp : {U'a', U'\u0416', U'\u20AC', U'\U0001F600'}) AppendUtf8(cp, out);
    EXPECT_EQ(out, "aЖ\u20AC\U0001F600");
}

TEST(Trim, RemovesSurroundingSpaceOnly) {
    EXPECT_EQ(Trim("  a b \t\n"), "a b");
    EXPECT_EQ(Trim("   "), "");
    EXPECT_EQ(Trim("x"), "x");
}

TEST(Utf8Length, CountsCodePoints) {
    EXPECT_EQ(Utf8Length("abc"), 3u);
    EXPECT_EQ(Utf8Length("Привет"), 6u);
}

}  // namespace
}  // namespace voronka
