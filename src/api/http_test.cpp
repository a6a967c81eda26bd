#include "api/http.hpp"

#include <gtest/gtest.h>

#include "api/http_error.hpp"

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

Framing Http11(std::vector<std::string_view> transfer_encodings, std::size_t content_lengths = 0) {
    return {.version = 11,
            .transfer_encodings = std::move(transfer_encodings),
            .content_lengths = content_lengths,
            .hosts = 1};
}

TEST(FramingProblem, PlainRequestsAndChunkedBodiesAreSound) {
    EXPECT_EQ(FramingProblem(Http11({})), std::nullopt);
    EXPECT_EQ(FramingProblem(Http11({}, 1)), std::nullopt);
    EXPECT_EQ(FramingProblem(Http11({"chunked"})), std::nullopt);
    EXPECT_EQ(FramingProblem(Http11({"Chunked"})), std::nullopt);
    EXPECT_EQ(FramingProblem(Http11({" chunked ,"})), std::nullopt);
    EXPECT_EQ(FramingProblem({.version = 10, .transfer_encodings = {}, .content_lengths = 1, .hosts = 0}),
              std::nullopt)
        << "HTTP/1.0 needs no Host";
}

TEST(FramingProblem, AFinalCodingOtherThanChunkedIsRefused) {
    EXPECT_TRUE(FramingProblem(Http11({"gzip"})));
    EXPECT_TRUE(FramingProblem(Http11({"chunked, gzip"})));
    EXPECT_TRUE(FramingProblem(Http11({"chunked", "identity"})));
    EXPECT_TRUE(FramingProblem(Http11({""})));
    EXPECT_TRUE(FramingProblem(Http11({"chunkedx"})));
}

TEST(FramingProblem, CodingsOtherThanChunkedAloneAreRefused) {
    EXPECT_TRUE(FramingProblem(Http11({"gzip, chunked"})));
    EXPECT_TRUE(FramingProblem(Http11({"chunked", "chunked"})));
}

TEST(FramingProblem, TransferEncodingWithContentLengthOrInHttp10IsRefused) {
    EXPECT_TRUE(FramingProblem(Http11({"chunked"}, 1)));
    EXPECT_TRUE(
        FramingProblem({.version = 10, .transfer_encodings = {"chunked"}, .content_lengths = 0, .hosts = 1}));
}

TEST(FramingProblem, Http11NeedsExactlyOneHost) {
    EXPECT_TRUE(FramingProblem({.version = 11, .transfer_encodings = {}, .content_lengths = 0, .hosts = 0}));
    EXPECT_TRUE(FramingProblem({.version = 11, .transfer_encodings = {}, .content_lengths = 0, .hosts = 2}));
    EXPECT_TRUE(FramingProblem({.version = 10, .transfer_encodings = {}, .content_lengths = 0, .hosts = 2}));
}

Request WithOrigin(std::string host, std::string origin, std::string sec_fetch_site = {}) {
    Request request;
    request.host = std::move(host);
    request.origin = std::move(origin);
    request.sec_fetch_site = std::move(sec_fetch_site);
    return request;
}

TEST(IsSameOrigin, AnOriginMatchingTheHostIsSameOrigin) {
    EXPECT_TRUE(IsSameOrigin(WithOrigin("crm.example.com", "https://crm.example.com"), ""));
    EXPECT_TRUE(IsSameOrigin(WithOrigin("127.0.0.1:8080", "http://127.0.0.1:8080"), ""));
    EXPECT_TRUE(IsSameOrigin(WithOrigin("CRM.example.com", "https://crm.EXAMPLE.com"), ""));
}

TEST(IsSameOrigin, TheConfiguredPublicOriginIsSameOrigin) {
    // Behind a proxy that rewrites Host.
    EXPECT_TRUE(
        IsSameOrigin(WithOrigin("127.0.0.1:8080", "https://crm.example.com"), "https://crm.example.com"));
    EXPECT_FALSE(IsSameOrigin(WithOrigin("127.0.0.1:8080", "https://crm.example.com"), ""));
}

TEST(IsSameOrigin, SecFetchSiteSameOriginIsEnough) {
    EXPECT_TRUE(IsSameOrigin(WithOrigin("crm.example.com", "", "same-origin"), ""));
    EXPECT_FALSE(IsSameOrigin(WithOrigin("crm.example.com", "", "same-site"), ""));
    EXPECT_FALSE(IsSameOrigin(WithOrigin("crm.example.com", "", "cross-site"), ""));
}

TEST(IsSameOrigin, ForeignMissingAndNullOriginsAreNot) {
    EXPECT_FALSE(IsSameOrigin(WithOrigin("crm.example.com", "http://evil.example"), ""));
    EXPECT_FALSE(IsSameOrigin(WithOrigin("crm.example.com", "https://crm.example.com.evil.example"), ""));
    EXPECT_FALSE(IsSameOrigin(WithOrigin("crm.example.com", "https://crm.example.com:444"), ""));
    EXPECT_FALSE(IsSameOrigin(WithOrigin("crm.example.com", ""), ""));
    EXPECT_FALSE(IsSameOrigin(WithOrigin("crm.example.com", "null"), ""));
    EXPECT_FALSE(IsSameOrigin(WithOrigin("", "http://"), ""));
    EXPECT_FALSE(IsSameOrigin(WithOrigin("crm.example.com", "http://evil.example", "cross-site"),
                              "https://crm.example.com"));
}

// The statuses the OpenAPI document promises for the codes that refuse a change of state.
TEST(HttpStatusOf, RefusalsOfAChangeOfStateAre409AndBadValues422) {
    EXPECT_EQ(HttpStatusOf(ErrorCode::kNextStepRequired), 409);
    EXPECT_EQ(HttpStatusOf(ErrorCode::kConflict), 409);
    EXPECT_EQ(HttpStatusOf(ErrorCode::kDuplicate), 409);
    EXPECT_EQ(HttpStatusOf(ErrorCode::kValidationFailed), 422);
    EXPECT_EQ(HttpStatusOf(ErrorCode::kNotFound), 404);
}

TEST(ErrorResponse, NextStepRequiredIs409WithItsCodeAndField) {
    const Response response = ErrorResponse(Error{
        .code = ErrorCode::kNextStepRequired, .message = "the lead needs a next step", .field = "next_task"});
    EXPECT_EQ(response.status, 409);
    EXPECT_NE(response.body.find(R"("code":"next_step_required")"), std::string::npos) << response.body;
    EXPECT_NE(response.body.find(R"("field":"next_task")"), std::string::npos) << response.body;
}

}  // namespace
}  // namespace voronka::api
