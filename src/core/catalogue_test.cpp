#include "core/catalogue.hpp"

#include <fmt/args.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace voronka {
namespace {

std::vector<Text> AllTexts() {
    std::vector<Text> texts;
    for (std::size_t i = 0; i < static_cast<std::size_t>(Text::kCount); ++i)
        texts.push_back(static_cast<Text>(i));
    return texts;
}

// The placeholders of a pattern: the number of "{}" (the catalogue uses no other kind).
std::size_t Placeholders(std::string_view pattern) {
    std::size_t count = 0;
    for (auto at = pattern.find("{}"); at != std::string_view::npos; at = pattern.find("{}", at + 2)) ++count;
    return count;
}

// Formats a pattern with `count` arguments "<0>", "<1>", …; throws fmt::format_error when they
// do not fit.
std::string FormatWith(std::string_view pattern, std::size_t count) {
    fmt::dynamic_format_arg_store<fmt::format_context> args;
    for (std::size_t i = 0; i < count; ++i) args.push_back("<" + std::to_string(i) + ">");
    return fmt::vformat(pattern, args);
}

TEST(Catalogue, EveryKeyHasARussianAndAnEnglishText) {
    std::set<std::string_view> names;
    for (const Text key : AllTexts()) {
        SCOPED_TRACE(std::string(TextName(key)));
        EXPECT_FALSE(TextName(key).empty());
        EXPECT_TRUE(names.insert(TextName(key)).second) << "names are unique";
        EXPECT_FALSE(Pattern(Language::kRussian, key).empty());
        EXPECT_FALSE(Pattern(Language::kEnglish, key).empty());
        EXPECT_NE(Pattern(Language::kRussian, key), Pattern(Language::kEnglish, key));
    }
}

TEST(Catalogue, BothLanguagesOfAKeyHaveTheSamePlaceholders) {
    for (const Text key : AllTexts()) {
        SCOPED_TRACE(std::string(TextName(key)));
        const auto russian = Pattern(Language::kRussian, key);
        const auto english = Pattern(Language::kEnglish, key);
        const std::size_t count = Placeholders(russian);
        EXPECT_EQ(Placeholders(english), count);
        // Each placeholder is filled, in order, and nothing else is taken for one.
        for (const auto pattern : {russian, english}) {
            std::string filled;
            ASSERT_NO_THROW(filled = FormatWith(pattern, count)) << pattern;
            for (std::size_t i = 0; i < count; ++i) {
                EXPECT_NE(filled.find("<" + std::to_string(i) + ">"), std::string::npos) << pattern;
            }
            EXPECT_EQ(filled.find("{"), std::string::npos) << pattern;
        }
    }
}

TEST(Catalogue, SayFillsThePlaceholdersInTheOrganisationsLanguage) {
    EXPECT_EQ(Say(LanguageOf("ru"), Text::kRunChainLimit, 5, 5),
              "цепочка правил остановлена: глубина 5 (не больше 5)");
    EXPECT_EQ(Say(LanguageOf("en"), Text::kRunChainLimit, 6, 5),
              "chain of rules stopped: depth 6 (at most 5)");
    EXPECT_EQ(Say(LanguageOf("en"), Text::kRunRecordDeleted), "the record was deleted");
}

TEST(Catalogue, AnyLanguageButEnglishIsRussian) {
    EXPECT_EQ(LanguageOf("en"), Language::kEnglish);
    EXPECT_EQ(LanguageOf("ru"), Language::kRussian);
    EXPECT_EQ(LanguageOf(""), Language::kRussian);
    EXPECT_EQ(LanguageOf("de"), Language::kRussian);
}

TEST(Catalogue, SingularCountFollowsEachLanguagesRule) {
    for (const std::int64_t one : {1, 21, 31, 101, 1001})
        EXPECT_TRUE(SingularCount(Language::kRussian, one)) << one;
    for (const std::int64_t many : {0, 2, 5, 11, 12, 111, 25}) {
        EXPECT_FALSE(SingularCount(Language::kRussian, many)) << many;
    }
    EXPECT_TRUE(SingularCount(Language::kEnglish, 1));
    EXPECT_FALSE(SingularCount(Language::kEnglish, 21));
    EXPECT_FALSE(SingularCount(Language::kEnglish, 0));
}

}  // namespace
}  // namespace voronka
