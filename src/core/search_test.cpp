#include "core/search.hpp"

#include <gtest/gtest.h>

namespace voronka {
namespace {

TEST(SearchFolding, YoAndYeAreOneLetter) {
    EXPECT_EQ(FoldForSearch("Пётр"), "петр");
    EXPECT_EQ(FoldForSearch("ПЁТР"), "петр");
    EXPECT_EQ(FoldForSearch("Ёлкин"), "елкин");
    EXPECT_EQ(FoldForSearch("петр"), FoldForSearch("Пётр"));
}

TEST(SearchFolding, DecomposedLettersFoldLikeComposedOnes) {
    EXPECT_EQ(FoldForSearch("Пе\u0308тр"), "петр");
    EXPECT_EQ(FoldForSearch("Е\u0308лкин"), "елкин");
    EXPECT_EQ(FoldForSearch("Андреи\u0306"), "андрей");
    EXPECT_EQ(FoldForSearch("Андрей"), "андрей");
}

TEST(SearchFolding, CyrillicCaseIsIgnored) {
    EXPECT_EQ(FoldForSearch("ИВАНОВ"), "иванов");
    EXPECT_EQ(FoldForSearch("Иванов"), "иванов");
    EXPECT_NE(FoldForSearch("Иванов").find(FoldForSearch("ВАНОВ")), std::string::npos);
}

TEST(SearchFolding, LatinCaseIsIgnored) {
    EXPECT_EQ(FoldForSearch("IVANOV"), "ivanov");
    EXPECT_EQ(FoldForSearch("Ivan.Petrov@Example.COM"), "ivan.petrov@example.com");
    EXPECT_EQ(FoldForSearch("ŁÓDŹ"), "łódź");
}

TEST(SearchFolding, MixedScriptsFoldTogether) {
    EXPECT_EQ(FoldForSearch("ООО «Ромашка» LLC, Пётр IVANOV"), "ооо «ромашка» llc, петр ivanov");
}

TEST(SearchFolding, WhiteSpaceRunsBecomeOneSpace) {
    EXPECT_EQ(FoldForSearch("  Пётр \t\n Иванов  "), "петр иванов");
    EXPECT_EQ(FoldForSearch("Пётр\u00A0\u2009Иванов"), "петр иванов");
    EXPECT_EQ(FoldForSearch("a\x1Fz\x01z"), "a z z");
    EXPECT_EQ(FoldForSearch(" \t\u3000 "), "");
    EXPECT_EQ(FoldForSearch(""), "");
}

TEST(SearchFolding, InvisibleCharactersAreDropped) {
    EXPECT_EQ(FoldForSearch("Ива\u00ADнов"), "иванов");
    EXPECT_EQ(FoldForSearch("\uFEFFИва\u200Bнов"), "иванов");
}

TEST(SearchFolding, InvalidUtf8BecomesReplacementCharacter) {
    EXPECT_EQ(FoldForSearch("Ив\xFFан"), "ив\uFFFDан");
    EXPECT_EQ(FoldForSearch("ИВ\xD0"), "ив\uFFFD");
}

TEST(SearchFolding, IsIdempotent) {
    const std::string once = FoldForSearch("  ЁЖИК  в Тумане, Andreĭ  ");
    EXPECT_EQ(FoldForSearch(once), once);
}

const std::string kSeparator(1, kSearchPartSeparator);

TEST(SearchDocument, JoinsFoldedPartsWithSeparator) {
    EXPECT_EQ(SearchDocument({"Пётр Иванов", "Директор", "Petr@Example.com", "79991234567"}),
              "петр иванов" + kSeparator + "директор" + kSeparator + "petr@example.com" + kSeparator +
                  "79991234567");
}

TEST(SearchDocument, SkipsEmptyParts) {
    EXPECT_EQ(SearchDocument({"Иванов", "", "  ", "ivanov@example.com"}),
              "иванов" + kSeparator + "ivanov@example.com");
    EXPECT_EQ(SearchDocument({}), "");
    EXPECT_EQ(SearchDocument({"", ""}), "");
}

TEST(SearchDocument, NoFoldedQueryContainsTheSeparator) {
    const std::string document = SearchDocument({"Иванов", "Директор"});
    const std::string query = FoldForSearch("ов" + kSeparator + "ди");
    EXPECT_EQ(query, "ов ди");
    EXPECT_EQ(document.find(query), std::string::npos);
    EXPECT_NE(document.find(FoldForSearch("ДИРЕК")), std::string::npos);
}

TEST(TrigramIndex, ShortQueriesUseTheFoldedColumn) {
    EXPECT_FALSE(UsesTrigramIndex(""));
    EXPECT_FALSE(UsesTrigramIndex("ив"));
    EXPECT_FALSE(UsesTrigramIndex("ab"));
    EXPECT_TRUE(UsesTrigramIndex("ива"));
    EXPECT_TRUE(UsesTrigramIndex("abc"));
}

TEST(EscapeLike, EscapesWildcardsAndTheEscape) {
    EXPECT_EQ(EscapeLike("100%"), "100\\%");
    EXPECT_EQ(EscapeLike("a_b"), "a\\_b");
    EXPECT_EQ(EscapeLike("c:\\dir"), "c:\\\\dir");
    EXPECT_EQ(EscapeLike("иванов"), "иванов");
    EXPECT_EQ(EscapeLike(""), "");
}

TEST(Fts5Phrase, QuotesInputAsOnePhrase) {
    EXPECT_EQ(Fts5Phrase("иванов"), "\"иванов\"");
    EXPECT_EQ(Fts5Phrase("ооо \"ромашка\""), "\"ооо \"\"ромашка\"\"\"");
    EXPECT_EQ(Fts5Phrase("a OR b*"), "\"a OR b*\"");
    EXPECT_EQ(Fts5Phrase(""), "\"\"");
}

}  // namespace
}  // namespace voronka
