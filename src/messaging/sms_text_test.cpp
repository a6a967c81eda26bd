#include "messaging/sms_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace voronka::messaging {
namespace {

std::string Repeat(std::string_view piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += piece;
    return out;
}

void ExpectParts(const std::string& text, SmsEncoding encoding, int parts, std::size_t units) {
    const SmsParts counted = CountSmsParts(text);
    EXPECT_EQ(counted.encoding, encoding) << text;
    EXPECT_EQ(counted.parts, parts) << text;
    EXPECT_EQ(counted.units, units) << text;
}

TEST(SmsParts, EmptyTextIsGsmWithNoParts) {
    const SmsParts counted = CountSmsParts("");
    EXPECT_EQ(counted.encoding, SmsEncoding::kGsm7);
    EXPECT_EQ(counted.parts, 0);
    EXPECT_EQ(counted.characters, 0u);
}

TEST(SmsParts, GsmSinglePartHolds160Septets) {
    ExpectParts(Repeat("a", 160), SmsEncoding::kGsm7, 1, 160);
    ExpectParts(Repeat("a", 161), SmsEncoding::kGsm7, 2, 161);
}

TEST(SmsParts, GsmSplitPartsHold153SeptetsEach) {
    ExpectParts(Repeat("a", 153 * 2), SmsEncoding::kGsm7, 2, 306);
    ExpectParts(Repeat("a", 153 * 2 + 1), SmsEncoding::kGsm7, 3, 307);
}

TEST(SmsParts, GsmAlphabetIncludesAccentsAndGreek) {
    const SmsParts counted = CountSmsParts("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà\n\r");
    EXPECT_EQ(counted.encoding, SmsEncoding::kGsm7);
    EXPECT_EQ(counted.units, counted.characters);
}

TEST(SmsParts, ExtensionCharactersTakeTwoSeptets) {
    const SmsParts counted = CountSmsParts("^{}\\[~]|€");
    EXPECT_EQ(counted.encoding, SmsEncoding::kGsm7);
    EXPECT_EQ(counted.characters, 9u);
    EXPECT_EQ(counted.units, 18u);
    ExpectParts(Repeat("a", 158) + "€", SmsEncoding::kGsm7, 1, 160);
    ExpectParts(Repeat("a", 159) + "€", SmsEncoding::kGsm7, 2, 161);
}

TEST(SmsParts, ExtensionCharacterAtAPartEdgeMovesToTheNextPart) {
    // 306 septets would fit two parts, but the euro cannot be cut after septet 153.
    ExpectParts(Repeat("a", 152) + "€" + Repeat("a", 152), SmsEncoding::kGsm7, 3, 306);
    ExpectParts(Repeat("a", 151) + "€" + Repeat("a", 153), SmsEncoding::kGsm7, 2, 306);
}

TEST(SmsParts, CyrillicIsUcs2With70InOnePart) {
    ExpectParts(Repeat("я", 70), SmsEncoding::kUcs2, 1, 70);
    ExpectParts(Repeat("я", 71), SmsEncoding::kUcs2, 2, 71);
}

TEST(SmsParts, Ucs2SplitPartsHold67Each) {
    ExpectParts(Repeat("я", 67 * 2), SmsEncoding::kUcs2, 2, 134);
    ExpectParts(Repeat("я", 67 * 2 + 1), SmsEncoding::kUcs2, 3, 135);
}

TEST(SmsParts, OneNonGsmCharacterMakesTheWholeTextUcs2) {
    ExpectParts(Repeat("a", 69) + "ы", SmsEncoding::kUcs2, 1, 70);
    ExpectParts("1\u00A0250\u00A0000 ₽", SmsEncoding::kUcs2, 1, 11);
}

TEST(SmsParts, EmojiTakesTwoUtf16Units) {
    const SmsParts counted = CountSmsParts("🙂");
    EXPECT_EQ(counted.encoding, SmsEncoding::kUcs2);
    EXPECT_EQ(counted.characters, 1u);
    EXPECT_EQ(counted.units, 2u);
    ExpectParts(Repeat("я", 68) + "🙂", SmsEncoding::kUcs2, 1, 70);
    ExpectParts(Repeat("я", 69) + "🙂", SmsEncoding::kUcs2, 2, 71);
    // 134 units would fit two parts, but the surrogate pair cannot be cut after unit 67.
    ExpectParts(Repeat("я", 66) + "🙂" + Repeat("я", 66), SmsEncoding::kUcs2, 3, 134);
}

TEST(SmsParts, EncodingNames) {
    EXPECT_EQ(SmsEncodingName(SmsEncoding::kGsm7), "GSM-7");
    EXPECT_EQ(SmsEncodingName(SmsEncoding::kUcs2), "UCS-2");
}

}  // namespace
}  // namespace voronka::messaging
