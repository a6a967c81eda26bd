// API tokens for integrations: issued by an admin, shown once, stored as a hash, revocable;
// over HTTP against the real binary on each back end.
#include "api/api_test_fixture.hpp"

namespace voronka::test {
namespace {

class ApiTokensApi : public ApiTest {};

TEST_P(ApiTokensApi, AdminIssuesATokenShownOnceThatAuthenticatesAsTheAdmin) {
    const HttpResponse issued = http().Post("/api/v1/api-tokens", {{"name", "АТС Манго"}}, AdminToken());
    ASSERT_EQ(issued.status, 201) << issued.body;
    const nlohmann::json body = issued.Json();
    const std::string secret = body.at("token");
    EXPECT_TRUE(secret.starts_with("vk_")) << secret;
    EXPECT_EQ(body.at("name"), "АТС Манго");
    EXPECT_EQ(body.at("user_id"), UserId(kAdminEmail));
    EXPECT_TRUE(body.at("revoked_at").is_null());

    const HttpResponse me = http().Get("/api/v1/me", secret);
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.Json().at("email"), kAdminEmail);

    // The list never shows the secret again, and the database holds only its hash.
    const HttpResponse list = http().Get("/api/v1/api-tokens", AdminToken());
    ASSERT_EQ(list.status, 200) << list.body;
    const nlohmann::json items = list.Json().at("items");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].at("id"), body.at("id"));
    EXPECT_FALSE(items[0].contains("token"));
    EXPECT_EQ(list.body.find(secret), std::string::npos);
    EXPECT_EQ(list.body.find(secret.substr(3)), std::string::npos);
    const DatabaseSnapshot snapshot = Snapshot();
    for (const auto& row : snapshot.tables.at("api_tokens")) {
        EXPECT_EQ(row.find(secret.substr(3)), std::string::npos) << "the secret is stored: " << row;
    }
    EXPECT_EQ(CountRows("api_tokens"), 1);
}

TEST_P(ApiTokensApi, TokenIssuedForAUserAuthenticatesAsThatUserWithTheirVisibility) {
    const std::int64_t ivanov = UserId(kIvanovEmail);
    const HttpResponse issued =
        http().Post("/api/v1/api-tokens", {{"name", "script"}, {"user_id", ivanov}}, AdminToken());
    ASSERT_EQ(issued.status, 201) << issued.body;
    EXPECT_EQ(issued.Json().at("user_id"), ivanov);
    EXPECT_EQ(issued.Json().at("created_by"), UserId(kAdminEmail));
    const std::string secret = issued.Json().at("token");

    const HttpResponse me = http().Get("/api/v1/me", secret);
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.Json().at("email"), kIvanovEmail);
    const HttpResponse users = http().Get("/api/v1/users", secret);
    ASSERT_EQ(users.status, 200);
    ASSERT_EQ(users.Json().at("items").size(), 1u);
    EXPECT_EQ(users.Json()["items"][0]["id"], ivanov);
    // It carries the manager's rights, not the issuer's.
    EXPECT_TRUE(IsError(http().Patch("/api/v1/settings", {{"language", "en"}}, secret), 403, "forbidden"));
}

TEST_P(ApiTokensApi, RevokedTokenIsUnauthenticated) {
    const HttpResponse issued = http().Post("/api/v1/api-tokens", {{"name", "PBX"}}, AdminToken());
    ASSERT_EQ(issued.status, 201) << issued.body;
    const std::string secret = issued.Json().at("token");
    const std::int64_t id = issued.Json().at("id");
    ASSERT_EQ(http().Get("/api/v1/me", secret).status, 200);

    const HttpResponse revoked = http().Delete("/api/v1/api-tokens/" + std::to_string(id), AdminToken());
    ASSERT_EQ(revoked.status, 200) << revoked.body;
    EXPECT_TRUE(revoked.Json().at("revoked_at").is_string());
    EXPECT_TRUE(IsError(http().Get("/api/v1/me", secret), 401, "unauthenticated"));
    // The admin's own session is untouched.
    EXPECT_EQ(http().Get("/api/v1/me", AdminToken()).status, 200);
    EXPECT_TRUE(IsError(http().Delete("/api/v1/api-tokens/987654", AdminToken()), 404, "not_found"));
}

TEST_P(ApiTokensApi, TokenOfADeactivatedUserStopsWorking) {
    const std::int64_t volkov = UserId(kVolkovEmail);
    const HttpResponse issued =
        http().Post("/api/v1/api-tokens", {{"name", "1C"}, {"user_id", volkov}}, AdminToken());
    ASSERT_EQ(issued.status, 201) << issued.body;
    const std::string secret = issued.Json().at("token");
    ASSERT_EQ(http().Get("/api/v1/me", secret).status, 200);
    ASSERT_EQ(
        http().Patch("/api/v1/users/" + std::to_string(volkov), {{"active", false}}, AdminToken()).status,
        200);
    EXPECT_TRUE(IsError(http().Get("/api/v1/me", secret), 401, "unauthenticated"));
}

TEST_P(ApiTokensApi, ManagerCannotIssueOrListTokensAndNothingIsCreated) {
    const std::string token = SignIn(kIvanovEmail);
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(IsError(http().Post("/api/v1/api-tokens", {{"name", "mine"}}, token), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/api-tokens", token), 403, "forbidden"));
    EXPECT_EQ(Snapshot(), before);
    EXPECT_EQ(CountRows("api_tokens"), 0);
    const std::string head = SignIn(kHeadEmail);
    EXPECT_TRUE(IsError(http().Post("/api/v1/api-tokens", {{"name", "mine"}}, head), 403, "forbidden"));
    EXPECT_EQ(CountRows("api_tokens"), 0);
}

TEST_P(ApiTokensApi, TokenForAnUnknownUserIsRefused) {
    ASSERT_FALSE(AdminToken().empty());  // signed in before the snapshot
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(IsError(http().Post("/api/v1/api-tokens", {{"name", "x"}, {"user_id", 987654}}, AdminToken()),
                        422, "validation_failed", "user_id"));
    EXPECT_TRUE(IsError(http().Post("/api/v1/api-tokens", nlohmann::json::object(), AdminToken()), 422,
                        "validation_failed", "name"));
    EXPECT_EQ(Snapshot(), before);
}

}  // namespace

VORONKA_INSTANTIATE_API_TEST(ApiTokensApi);

}  // namespace voronka::test
