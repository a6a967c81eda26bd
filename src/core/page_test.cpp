#include "core/page.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <limits>

namespace voronka {
namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

Cursor RoundTrip(const Cursor& cursor) {
    const auto decoded = DecodeCursor(EncodeCursor(cursor));
    EXPECT_TRUE(decoded.has_value());
    return decoded.value_or(Cursor{});
}

TEST(Cursor, RoundTripsIdOnlyIntegerAndTextKeys) {
    const Cursor id_only{.order = "tasks", .key = {}, .id = 42};
    EXPECT_EQ(RoundTrip(id_only), id_only);
    const Cursor amount{.order = "deals:-amount", .key = std::int64_t{25'000'000}, .id = 7};
    EXPECT_EQ(RoundTrip(amount), amount);
    const Cursor name{.order = "companies:name", .key = std::string("ООО «Ромашка»"), .id = 3};
    EXPECT_EQ(RoundTrip(name), name);
}

TEST(Cursor, RoundTripsExtremeValues) {
    for (const std::int64_t key : {kMin, kMin + 1, std::int64_t{-1}, std::int64_t{0}, kMax}) {
        const Cursor cursor{.order = "leads:amount", .key = key, .id = kMax};
        EXPECT_EQ(RoundTrip(cursor), cursor) << key;
    }
    const Cursor empty_text{.order = "contacts:-name", .key = std::string(), .id = 1};
    EXPECT_EQ(RoundTrip(empty_text), empty_text);
    const Cursor longest{.order = "contacts:name", .key = std::string(kMaxCursorText, 'x'), .id = 1};
    EXPECT_EQ(RoundTrip(longest), longest);
}

TEST(Cursor, RoundTripsTextOfAnyUnicode) {
    for (const std::string text :
         {"Пётр Иванов", "😀 emoji \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", "\xF4\x8F\xBF\xBF",
          "中文 العربية עברית", "quote \" back\\slash %_'", "a\tb\nc\r", "\xC2\x80\xDF\xBF\xE0\xA0\x80"}) {
        const Cursor cursor{.order = "companies:name", .key = text, .id = 99};
        EXPECT_EQ(RoundTrip(cursor), cursor) << text;
    }
}

TEST(Cursor, IsOpaqueUrlSafeText) {
    const std::string text =
        EncodeCursor(Cursor{.order = "deals:amount", .key = std::string("?&=/+ %"), .id = 5});
    for (const char c : text) {
        EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << text;
    }
    EXPECT_EQ(text.find("deals"), std::string::npos);
}

TEST(Cursor, RefusesMalformedText) {
    EXPECT_FALSE(DecodeCursor(""));
    EXPECT_FALSE(DecodeCursor("c1.42"));  // the old form: an id to look up
    EXPECT_FALSE(DecodeCursor("!!!!"));
    EXPECT_FALSE(DecodeCursor("A"));
    EXPECT_FALSE(DecodeCursor("AAAA"));
    const std::string good = EncodeCursor(Cursor{.order = "tasks", .key = {}, .id = 42});
    EXPECT_FALSE(DecodeCursor(good + "A"));
    EXPECT_FALSE(DecodeCursor(good + "AA"));
    EXPECT_FALSE(DecodeCursor(good.substr(0, good.size() - 1)));
    EXPECT_FALSE(DecodeCursor(good + "="));
}

// Tampering with any one character yields either an error or another well-formed cursor: never
// a crash, and never a key of invalid text.
TEST(Cursor, SurvivesTamperingWithEveryCharacter) {
    const std::string good =
        EncodeCursor(Cursor{.order = "contacts:name", .key = std::string("Анна"), .id = 12345});
    const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.";
    for (std::size_t i = 0; i < good.size(); ++i) {
        for (const char c : alphabet) {
            std::string tampered = good;
            tampered[i] = c;
            const auto decoded = DecodeCursor(tampered);
            if (!decoded) continue;
            EXPECT_GE(decoded->id, 1);
            if (const auto* text = std::get_if<std::string>(&decoded->key)) {
                EXPECT_EQ(text->find('\0'), std::string::npos);
            }
        }
    }
}

TEST(Cursor, RefusesIdBelowOneAndBadText) {
    EXPECT_FALSE(DecodeCursor(EncodeCursor(Cursor{.order = "tasks", .key = {}, .id = 0})));
    EXPECT_FALSE(DecodeCursor(EncodeCursor(Cursor{.order = "tasks", .key = {}, .id = -5})));
    EXPECT_FALSE(DecodeCursor(EncodeCursor(Cursor{.order = "x", .key = std::string("\xFF\xFE"), .id = 1})));
    EXPECT_FALSE(DecodeCursor(EncodeCursor(Cursor{.order = "x", .key = std::string("a\0b", 3), .id = 1})));
    EXPECT_FALSE(
        DecodeCursor(EncodeCursor(Cursor{.order = "x", .key = std::string("\xED\xA0\x80"), .id = 1})));
}

TEST(PageRequest, AnswersThePositionOfItsOwnOrderOnly) {
    const PageRequest first{.after = std::nullopt, .limit = 10};
    ASSERT_TRUE(first.After("deals:amount", CursorKeyKind::kInteger));
    EXPECT_FALSE(first.After("deals:amount", CursorKeyKind::kInteger)->has_value());
    EXPECT_EQ(*first.AfterId("tasks"), 0);

    const PageRequest next{.after = Cursor{.order = "deals:amount", .key = std::int64_t{5}, .id = 9},
                           .limit = 10};
    const auto position = next.After("deals:amount", CursorKeyKind::kInteger);
    ASSERT_TRUE(position);
    EXPECT_EQ((*position)->id, 9);

    for (const auto& [order, kind] :
         {std::pair{"deals:-amount", CursorKeyKind::kInteger},
          std::pair{"leads:amount", CursorKeyKind::kInteger}, std::pair{"deals:amount", CursorKeyKind::kText},
          std::pair{"deals:amount", CursorKeyKind::kIdOnly}}) {
        const auto refused = next.After(order, kind);
        ASSERT_FALSE(refused) << order;
        EXPECT_EQ(refused.error().code, ErrorCode::kValidationFailed);
        EXPECT_EQ(refused.error().field, "cursor");
    }
    EXPECT_FALSE(next.AfterId("tasks"));
}

TEST(MakePage, CarriesTheLastRowsKeyAndIdInTheCursor) {
    struct Row {
        std::int64_t id;
        std::string name;
    };
    std::vector<Row> rows{{3, "Б"}, {1, "В"}, {2, "Г"}};
    const auto page = MakePage(rows, 2, "companies:name", [](const Row& row) {
        return std::pair<CursorKey, std::int64_t>{row.name, row.id};
    });
    ASSERT_EQ(page.items.size(), 2U);
    ASSERT_TRUE(page.next_cursor);
    EXPECT_EQ(DecodeCursor(*page.next_cursor),
              (Cursor{.order = "companies:name", .key = std::string("В"), .id = 1}));
    const auto last = MakePage(rows, 3, "companies:name", [](const Row& row) { return row.id; });
    EXPECT_FALSE(last.next_cursor);
}

}  // namespace
}  // namespace voronka
