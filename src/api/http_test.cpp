#include "api/http.hpp"

#include <gtest/gtest.h>

namespace voronka::api {
namespace {

using Query = std::multimap<std::string, std::string>;

struct Parsed {
    bool ok = false;
    std::string path;
    Query query;
};

Parsed Parse(std::string_view target) {
    Parsed parsed;
    parsed.ok = ParseTarget(target, parsed.path, parsed.query);
    return parsed;
}

TEST(ParseTarget, PathWithoutQuery) {
    const auto parsed = Parse("/api/v1/users");
    ASSERT_TRUE(parsed.ok);
    EXPECT_EQ(parsed.path, "/api/v1/users");
    EXPECT_TRUE(parsed.query.empty());
}

TEST(ParseTarget, PathIsPercentDecodedAndKeepsPlus) {
    const auto parsed = Parse("/files/a%20b+c/%D0%98%D0%B2%D0%B0%D0%BD");
    ASSERT_TRUE(parsed.ok);
    EXPECT_EQ(parsed.path, "/files/a b+c/Иван");
}

TEST(ParseTarget, QueryIsDecodedAndPlusIsSpace) {
    const auto parsed = Parse("/search?q=%D0%B8%D0%B2%D0%B0+%D0%BD&limit=20");
    ASSERT_TRUE(parsed.ok);
    EXPECT_EQ(parsed.path, "/search");
    EXPECT_EQ(parsed.query, (Query{{"limit", "20"}, {"q", "ива н"}}));
}

TEST(ParseTarget, RepeatedParametersAreKeptInOrder) {
    const auto parsed = Parse("/deals?stage=1&stage=3&stage=2");
    ASSERT_TRUE(parsed.ok);
    const auto [first, last] = parsed.query.equal_range("stage");
    std::vector<std::string> values;
    for (auto it = first; it != last; ++it) values.push_back(it->second);
    EXPECT_EQ(values, (std::vector<std::string>{"1", "3", "2"}));
}

TEST(ParseTarget, ParameterWithoutValueAndEmptyPairs) {
    const auto parsed = Parse("/x?flag&&a=&=b&c=1=2");
    ASSERT_TRUE(parsed.ok);
    EXPECT_EQ(parsed.query, (Query{{"flag", ""}, {"a", ""}, {"", "b"}, {"c", "1=2"}}));
}

TEST(ParseTarget, EncodedSeparatorsInValuesAreData) {
    const auto parsed = Parse("/x?a=1%262%3D3&b%2Bc=%2B");
    ASSERT_TRUE(parsed.ok);
    EXPECT_EQ(parsed.query, (Query{{"a", "1&2=3"}, {"b+c", "+"}}));
}

TEST(ParseTarget, EmptyQuery) {
    const auto parsed = Parse("/x?");
    ASSERT_TRUE(parsed.ok);
    EXPECT_EQ(parsed.path, "/x");
    EXPECT_TRUE(parsed.query.empty());
}

TEST(ParseTarget, AbsoluteFormKeepsPathAndQuery) {
    const auto parsed = Parse("http://example.com:8080/a%2Fb?x=1");
    ASSERT_TRUE(parsed.ok);
    EXPECT_EQ(parsed.path, "/a/b");
    EXPECT_EQ(parsed.query, (Query{{"x", "1"}}));
    EXPECT_EQ(Parse("http://example.com").path, "/");
}

TEST(ParseTarget, BrokenPercentEncodingIsRefused) {
    for (const std::string_view target :
         {"/a%", "/a%2", "/a%zz", "/a%g0", "/x?q=%", "/x?q=1%4", "/x?q%ZZ=1", "/x?a=1&b=%2x"}) {
        EXPECT_FALSE(Parse(target).ok) << target;
    }
}

TEST(ParseTarget, LowerCaseHexIsAccepted) {
    const auto parsed = Parse("/%d0%af?x=%d0%af");
    ASSERT_TRUE(parsed.ok);
    EXPECT_EQ(parsed.path, "/Я");
    EXPECT_EQ(parsed.query.begin()->second, "Я");
}

TEST(ParseTarget, ClearsOutputs) {
    std::string path = "old";
    Query query{{"old", "1"}};
    ASSERT_TRUE(ParseTarget("/new", path, query));
    EXPECT_EQ(path, "/new");
    EXPECT_TRUE(query.empty());
}

TEST(RequestQueryParam, FirstValueOrNothing) {
    Request request;
    ASSERT_TRUE(ParseTarget("/x?a=1&a=2&b=", request.path, request.query));
    EXPECT_EQ(request.QueryParam("a"), "1");
    EXPECT_EQ(request.QueryParam("b"), "");
    EXPECT_EQ(request.QueryParam("c"), std::nullopt);
}

}  // namespace
}  // namespace voronka::api
