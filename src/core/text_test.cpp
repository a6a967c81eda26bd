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
