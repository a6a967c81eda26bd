#include "crm/text_query.hpp"

#include <gtest/gtest.h>

namespace voronka::crm {
namespace {

TEST(TextQuery, LongQueriesUseTheTrigramIndexFolded) {
    const auto query = MakeTextQuery("  ИВАНОВ  Пётр ", "RU");
    EXPECT_EQ(query.trigram, "иванов петр");
    EXPECT_TRUE(query.short_text.empty());
}

TEST(TextQuery, ShortQueriesScan) {
    const auto query = MakeTextQuery("Ив", "RU");
    EXPECT_TRUE(query.trigram.empty());
    EXPECT_EQ(query.short_text, "ив");
}

TEST(TextQuery, PhonesInAnyFormBecomeTheSameDigits) {
    for (const char* phone : {"8 (999) 123-45-67", "+7 999 1234567", "79991234567"}) {
        EXPECT_EQ(MakeTextQuery(phone, "RU").trigram, "79991234567") << phone;
    }
}

TEST(TextQuery, BlankQueryIsEmpty) {
    EXPECT_TRUE(MakeTextQuery("   ", "RU").empty());
}

}  // namespace
}  // namespace voronka::crm
