#include "crm/contact_points.hpp"

#include <gtest/gtest.h>

#include "core/search.hpp"

namespace voronka::crm {
namespace {

TEST(ContactPoints, PhonesInAnyFormBecomeE164) {
    const auto points = NormalizeContactPoints({"8 (999) 123-45-67", "+7 999 7654321"}, {}, "RU");
    ASSERT_TRUE(points.ok());
    EXPECT_EQ(points->phones, (std::vector<std::string>{"+79991234567", "+79997654321"}));
}

TEST(ContactPoints, EmailsAreTrimmed) {
    const auto points = NormalizeContactPoints({}, {" Ivan@Example.com "}, "RU");
    ASSERT_TRUE(points.ok());
    EXPECT_EQ(points->emails, std::vector<std::string>{"Ivan@Example.com"});
}

TEST(ContactPoints, TheSamePhoneTwiceInAnyFormIsRefusedNamingPhones) {
    const auto points = NormalizeContactPoints({"8 (999) 123-45-67", "+7 999 1234567"}, {}, "RU");
    ASSERT_FALSE(points.ok());
    EXPECT_EQ(points.error().code, ErrorCode::kValidationFailed);
    EXPECT_EQ(points.error().field, "phones");
}

TEST(ContactPoints, TheSameEmailTwiceInAnyCaseIsRefusedNamingEmails) {
    const auto points = NormalizeContactPoints({}, {" Ivan@Example.com ", "ivan@example.COM"}, "RU");
    ASSERT_FALSE(points.ok());
    EXPECT_EQ(points.error().code, ErrorCode::kValidationFailed);
    EXPECT_EQ(points.error().field, "emails");
}

TEST(ContactPoints, MalformedValuesNameTheirField) {
    const auto phone = NormalizeContactPoints({"123"}, {}, "RU");
    ASSERT_FALSE(phone.ok());
    EXPECT_EQ(phone.error().field, "phones");
    const auto email = NormalizeContactPoints({}, {"not an e-mail"}, "RU");
    ASSERT_FALSE(email.ok());
    EXPECT_EQ(email.error().field, "emails");
}

TEST(ContactPoints, DuplicateNamesTheExistingRecord) {
    const Error error = DuplicateOf(RecordRef{RecordType::kContact, 42}, "phones");
    EXPECT_EQ(error.code, ErrorCode::kDuplicate);
    EXPECT_EQ(error.field, "phones");
    ASSERT_TRUE(error.existing.has_value());
    EXPECT_EQ(error.existing->type, "contact");
    EXPECT_EQ(error.existing->id, 42);
}

TEST(ContactPoints, SearchDocumentHoldsNamesPhoneDigitsAndEmails) {
    const ContactPoints points{{"+79991234567"}, {"Ivan@Example.com"}};
    EXPECT_EQ(SearchParts(points), (std::vector<std::string>{"79991234567", "Ivan@Example.com"}));
    const std::string sep(1, kSearchPartSeparator);
    EXPECT_EQ(RecordSearchDocument({"Пётр Иванов", ""}, points),
              "петр иванов" + sep + "79991234567" + sep + "ivan@example.com");
}

}  // namespace
}  // namespace voronka::crm
