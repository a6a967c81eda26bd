#include "messaging/template.hpp"

#include <gtest/gtest.h>

namespace voronka::messaging {
namespace {

// The error of a text that must not parse: a validation error naming `field`.
Error ParseError(std::string_view text, std::string_view field = "body") {
    auto parsed = ParseTemplate(text, field);
    EXPECT_FALSE(parsed.ok()) << "parsed: " << text;
    return parsed.ok() ? Error::Validation("") : parsed.error();
}

void ExpectRefused(std::string_view text) {
    const Error error = ParseError(text, "subject");
    EXPECT_EQ(error.code, ErrorCode::kValidationFailed) << text;
    EXPECT_EQ(error.field, "subject") << text;
    EXPECT_FALSE(error.message.empty()) << text;
}

TEST(TemplateParse, PlainTextHasNoPlaceholders) {
    const auto parsed = ParseTemplate("Добрый день! {a} }b{", "body");
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_TRUE(parsed->placeholders.empty());
    const auto text = Render(*parsed, {});
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(*text, "Добрый день! {a} }b{");
}

TEST(TemplateParse, ListsEachPlaceholderOnceInOrderOfUse) {
    const auto parsed = ParseTemplate(
        "{{contact.name}}, встреча {{ meeting.at }} ({{meeting.location}}), "
        "{{contact.name}} {{custom_fields.budget}}",
        "body");
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->placeholders, (std::vector<std::string>{"contact.name", "meeting.at",
                                                              "meeting.location", "custom_fields.budget"}));
}

TEST(TemplateParse, EveryFixedNameIsKnown) {
    for (const char* name : {"record.title", "record.name", "record.amount", "record.stage",
                             "record.pipeline", "record.expected_close_on", "record.id", "contact.name",
                             "contact.phone", "contact.email", "company.name", "owner.name", "owner.email",
                             "organisation.name", "meeting.at", "meeting.location"}) {
        EXPECT_TRUE(ParseTemplate(std::string("{{") + name + "}}", "body").ok()) << name;
    }
}

TEST(TemplateParse, UnclosedPlaceholderIsRefused) {
    ExpectRefused("Встреча {{meeting.at");
}
TEST(TemplateParse, CloseWithoutOpenIsRefused) {
    ExpectRefused("Встреча meeting.at}} завтра");
}
TEST(TemplateParse, CloseBeforeOpenIsRefused) {
    ExpectRefused("a }} b {{record.id}}");
}
TEST(TemplateParse, EmptyPlaceholderIsRefused) {
    ExpectRefused("Здравствуйте, {{}}");
    ExpectRefused("Здравствуйте, {{   }}");
}
TEST(TemplateParse, NestedPlaceholderIsRefused) {
    ExpectRefused("{{ {{contact.name}} }}");
    ExpectRefused("{{{contact.name}}}");
    ExpectRefused("{{contact.{name}}}");
}
TEST(TemplateParse, UnknownPlaceholderIsRefusedNamingIt) {
    const Error error = ParseError("Привет, {{contact.surname}}", "html");
    EXPECT_EQ(error.code, ErrorCode::kValidationFailed);
    EXPECT_EQ(error.field, "html");
    EXPECT_NE(error.message.find("contact.surname"), std::string::npos) << error.message;
}
TEST(TemplateParse, MalformedCustomFieldNameIsRefused) {
    ExpectRefused("{{custom_fields.}}");
    ExpectRefused("{{custom_fields.Budget}}");
    ExpectRefused("{{custom_fields.a b}}");
}

TEST(TemplateRender, ReplacesPlaceholdersWithValues) {
    const auto parsed =
        ParseTemplate("{{contact.name}}, ждём вас {{ meeting.at }}. {{contact.name}}!", "body");
    ASSERT_TRUE(parsed.ok());
    const auto text = Render(*parsed, {{"contact.name", "Анна"}, {"meeting.at", "28 ноября, 15:00"}});
    ASSERT_TRUE(text.ok()) << text.error().message;
    EXPECT_EQ(*text, "Анна, ждём вас 28 ноября, 15:00. Анна!");
}

TEST(TemplateRender, MissingValueIsAnErrorNamingThePlaceholder) {
    const auto parsed = ParseTemplate("Встреча {{meeting.at}} по адресу {{meeting.location}}", "body");
    ASSERT_TRUE(parsed.ok());
    const auto text = Render(*parsed, {{"meeting.at", "28 ноября, 15:00"}});
    ASSERT_FALSE(text.ok());
    EXPECT_EQ(text.error().code, ErrorCode::kValidationFailed);
    EXPECT_EQ(text.error().field, "meeting.location");
    EXPECT_EQ(text.error().message, "нет значения для {{meeting.location}}");
}

}  // namespace
}  // namespace voronka::messaging
