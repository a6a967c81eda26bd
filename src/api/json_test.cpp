#include "api/json.hpp"

#include <gtest/gtest.h>

namespace voronka::api {
namespace {

Result<JsonBody> ParseBody(std::string body) {
    Request request;
    request.content_type = "application/json";
    request.body = std::move(body);
    return JsonBody::Parse(request);
}

TEST(JsonBody, AByteOrderMarkIsMalformed) {
    const auto parsed = ParseBody("\xEF\xBB\xBF{\"name\": \"x\"}");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, ErrorCode::kMalformed);
}

TEST(JsonBody, ADuplicateKeyIsAValidationErrorNamingIt) {
    const auto parsed = ParseBody(R"({"amount": 1, "title": "x", "amount": 2})");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, ErrorCode::kValidationFailed);
    EXPECT_EQ(parsed.error().field, "amount");
}

TEST(JsonBody, ADuplicateKeyInANestedObjectIsRefusedToo) {
    const auto parsed = ParseBody(R"({"a": [{"b": 1}, {"c": {"d": 1, "d": 1}}]})");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().field, "d");
}

TEST(JsonBody, TheSameKeyInSiblingObjectsIsFine) {
    EXPECT_TRUE(ParseBody(R"({"a": {"id": 1}, "b": {"id": 2}, "c": [{"id": 3}, {"id": 4}], "id": 5})"));
    EXPECT_TRUE(ParseBody(R"({"name": "\ufeff"})")) << "U+FEFF inside a string is text";
}

}  // namespace
}  // namespace voronka::api
