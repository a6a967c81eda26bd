// Signing in and out, the session cookie, sign-in throttling and what a request needs to be
// authenticated, over HTTP against the real binary on each back end.
#include "api/api_test_fixture.hpp"

namespace voronka::test {
namespace {

class SessionApi : public ApiTest {
protected:
    HttpResponse Login(std::string_view email, std::string_view password) {
        return http().Post("/api/v1/auth/login", {{"email", email}, {"password", password}});
    }
};

// The Set-Cookie header that carries the session cookie, or "".
std::string SessionSetCookie(const HttpResponse& response) {
    for (auto [it, end] = response.headers.equal_range("set-cookie"); it != end; ++it) {
        if (it->second.starts_with("voronka_session=")) return it->second;
    }
    return "";
}

// The `voronka_session=VALUE` pair of a Set-Cookie header.
std::string CookiePair(const std::string& set_cookie) {
    return set_cookie.substr(0, set_cookie.find(';'));
}

TEST_P(SessionApi, GoodCredentialsGiveATokenTheUserAndAnHttpOnlySameSiteCookie) {
    const HttpResponse response = Login(kAdminEmail, kDemoPassword);
    ASSERT_EQ(response.status, 200) << response.body;
    const nlohmann::json body = response.Json();
    const std::string token = body.at("token");
    EXPECT_TRUE(token.starts_with("vs_")) << token;
    EXPECT_GE(token.size(), 20u);
    EXPECT_TRUE(body.at("expires_at").is_string());
    EXPECT_EQ(body.at("user").at("email"), kAdminEmail);
    EXPECT_EQ(body.at("user").at("role"), "admin");
    EXPECT_EQ(body.at("user").at("id"), UserId(kAdminEmail));
    EXPECT_FALSE(body.at("user").contains("password_hash"));
    EXPECT_FALSE(body.at("user").contains("password"));

    const std::string set_cookie = SessionSetCookie(response);
    ASSERT_FALSE(set_cookie.empty()) << "no voronka_session cookie";
    EXPECT_EQ(CookiePair(set_cookie), "voronka_session=" + token);
    EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos) << set_cookie;
    EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos) << set_cookie;
    EXPECT_NE(set_cookie.find("Path=/"), std::string::npos) << set_cookie;

    const HttpResponse me = http().Get("/api/v1/me", token);
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.Json().at("email"), kAdminEmail);
}

TEST_P(SessionApi, TheSessionCookieAloneAuthenticates) {
    const HttpResponse login = Login(kIvanovEmail, kDemoPassword);
    ASSERT_EQ(login.status, 200);
    const std::string cookie = CookiePair(SessionSetCookie(login));
    ASSERT_FALSE(cookie.empty());
    const HttpResponse me = http().Request("GET", "/api/v1/me", {}, {{"Cookie", "theme=dark; " + cookie}});
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.Json().at("email"), kIvanovEmail);
}

TEST_P(SessionApi, WrongPasswordAndUnknownEmailGetTheSameUnauthenticatedAnswer) {
    const HttpResponse wrong_password = Login(kAdminEmail, "not-the-password");
    EXPECT_TRUE(IsError(wrong_password, 401, "unauthenticated"));
    EXPECT_TRUE(SessionSetCookie(wrong_password).empty());
    const HttpResponse unknown_email = Login("nobody@voronka.example", kDemoPassword);
    EXPECT_TRUE(IsError(unknown_email, 401, "unauthenticated"));
    EXPECT_EQ(wrong_password.Json()["error"]["message"], unknown_email.Json()["error"]["message"]);
    EXPECT_EQ(CountRows("sessions"), 0);
}

TEST_P(SessionApi, EmailIsCaseInsensitiveAtSignIn) {
    const HttpResponse response = Login("ADMIN@Voronka.Example", kDemoPassword);
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(response.Json().at("user").at("email"), kAdminEmail);
}

TEST_P(SessionApi, FiveWrongPasswordsThrottleTheAccountEvenForTheRightPassword) {
    for (int i = 0; i < 5; ++i) {
        SCOPED_TRACE(i);
        EXPECT_TRUE(
            IsError(Login(kIvanovEmail, "wrong-password-" + std::to_string(i)), 401, "unauthenticated"));
    }
    EXPECT_TRUE(IsError(Login(kIvanovEmail, kDemoPassword), 429, "throttled"));
    // The same account in another spelling is the same account.
    EXPECT_TRUE(IsError(Login("IVANOV@voronka.example", kDemoPassword), 429, "throttled"));
    // Other accounts from the same address still sign in.
    EXPECT_EQ(Login(kSokolovaEmail, kDemoPassword).status, 200);
    EXPECT_EQ(CountRows("sessions"), 1);
}

TEST_P(SessionApi, TwentyFailuresFromOneAddressThrottleTheAddress) {
    for (int i = 0; i < 20; ++i) {
        SCOPED_TRACE(i);
        const std::string email = "unknown" + std::to_string(i) + "@voronka.example";
        EXPECT_TRUE(IsError(Login(email, kDemoPassword), 401, "unauthenticated"));
    }
    EXPECT_TRUE(IsError(Login("unknown-next@voronka.example", kDemoPassword), 429, "throttled"));
    EXPECT_TRUE(IsError(Login(kAdminEmail, kDemoPassword), 429, "throttled"));
    EXPECT_EQ(CountRows("sessions"), 0);
}

TEST_P(SessionApi, LogoutAnswers204AndTheTokenStopsWorking) {
    const std::string token = SignIn(kHeadEmail);
    const std::string other = SignIn(kHeadEmail);
    ASSERT_EQ(http().Get("/api/v1/me", token).status, 200);
    const HttpResponse logout = http().Post("/api/v1/auth/logout", nlohmann::json::object(), token);
    EXPECT_EQ(logout.status, 204) << logout.body;
    EXPECT_TRUE(logout.body.empty());
    const std::string cleared = SessionSetCookie(logout);
    EXPECT_NE(cleared.find("Max-Age=0"), std::string::npos) << "the cookie is not cleared: " << cleared;
    EXPECT_TRUE(IsError(http().Get("/api/v1/me", token), 401, "unauthenticated"));
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/auth/logout", nlohmann::json::object(), token), 401, "unauthenticated"));
    // Only that session ended.
    EXPECT_EQ(http().Get("/api/v1/me", other).status, 200);
}

TEST_P(SessionApi, MissingTokenIsUnauthenticated) {
    const HttpResponse response = http().Get("/api/v1/me");
    EXPECT_TRUE(IsError(response, 401, "unauthenticated"));
    EXPECT_EQ(response.Header("www-authenticate").value_or(""), "Bearer");
    EXPECT_TRUE(IsError(http().Request("GET", "/api/v1/me", {}, {{"Authorization", "Bearer "}}), 401,
                        "unauthenticated"));
}

TEST_P(SessionApi, ForgedTokensAreUnauthenticated) {
    ASSERT_FALSE(AdminToken().empty());  // a real session exists beside the forged ones
    for (const std::string& forged :
         {std::string("vs_xxx"), "vs_" + std::string(43, 'A'), "vk_" + std::string(43, 'A'),
          std::string("xx_notatoken"), std::string("vs_") + AdminToken().substr(3, 10)}) {
        SCOPED_TRACE(forged);
        EXPECT_TRUE(IsError(http().Get("/api/v1/me", forged), 401, "unauthenticated"));
        EXPECT_TRUE(
            IsError(http().Request("GET", "/api/v1/me", {}, {{"Cookie", "voronka_session=" + forged}}), 401,
                    "unauthenticated"));
    }
}

TEST_P(SessionApi, BasicSchemeIsUnauthenticatedEvenWithTheRightPassword) {
    // base64("admin@voronka.example:voronka-demo")
    const HttpHeaders basic{{"Authorization", "Basic YWRtaW5Adm9yb25rYS5leGFtcGxlOnZvcm9ua2EtZGVtbw=="}};
    EXPECT_TRUE(IsError(http().Request("GET", "/api/v1/me", {}, basic), 401, "unauthenticated"));
    // A valid token under another scheme is not accepted either.
    const HttpHeaders token_as_basic{{"Authorization", "Basic " + AdminToken()}};
    EXPECT_TRUE(IsError(http().Request("GET", "/api/v1/me", {}, token_as_basic), 401, "unauthenticated"));
}

TEST_P(SessionApi, ExpiredSessionIsUnauthenticated) {
    const std::string token = SignIn(kIvanovEmail);
    ASSERT_EQ(http().Get("/api/v1/me", token).status, 200);
    ExpireAllSessions();
    EXPECT_TRUE(IsError(http().Get("/api/v1/me", token), 401, "unauthenticated"));
}

TEST_P(SessionApi, DeactivatedUsersTokenStopsWorkingAtOnce) {
    const std::string token = SignIn(kIvanovEmail);
    const std::string cookie_token = SignIn(kIvanovEmail);
    ASSERT_EQ(http().Get("/api/v1/me", token).status, 200);
    const HttpResponse patch = http().Patch("/api/v1/users/" + std::to_string(UserId(kIvanovEmail)),
                                            {{"active", false}}, AdminToken());
    ASSERT_EQ(patch.status, 200) << patch.body;
    EXPECT_EQ(patch.Json().at("active"), false);
    EXPECT_TRUE(IsError(http().Get("/api/v1/me", token), 401, "unauthenticated"));
    EXPECT_TRUE(
        IsError(http().Request("GET", "/api/v1/me", {}, {{"Cookie", "voronka_session=" + cookie_token}}), 401,
                "unauthenticated"));
    // Nor can the user sign in again.
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/auth/login", {{"email", kIvanovEmail}, {"password", kDemoPassword}}),
                401, "unauthenticated"));
}

TEST_P(SessionApi, ChangingAUsersPasswordEndsTheirSessions) {
    const std::string token = SignIn(kSokolovaEmail);
    const std::string path = "/api/v1/users/" + std::to_string(UserId(kSokolovaEmail));
    const HttpResponse patch = http().Patch(path, {{"password", "a-new-password-42"}}, AdminToken());
    ASSERT_EQ(patch.status, 200) << patch.body;
    EXPECT_TRUE(IsError(http().Get("/api/v1/me", token), 401, "unauthenticated"));
    EXPECT_TRUE(IsError(Login(kSokolovaEmail, kDemoPassword), 401, "unauthenticated"));
    EXPECT_EQ(Login(kSokolovaEmail, "a-new-password-42").status, 200);
    // The admin's own session is untouched.
    EXPECT_EQ(http().Get("/api/v1/me", AdminToken()).status, 200);
}

}  // namespace

VORONKA_INSTANTIATE_API_TEST(SessionApi);

}  // namespace voronka::test
