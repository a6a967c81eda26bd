// Signing in and out, the session cookie, sign-in throttling and what a request needs to be
// authenticated, over HTTP against the real binary on each back end.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <thread>

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

// Sends `request` over a new loopback connection from `local_address` (another client address
// on loopback, e.g. 127.0.0.2) and answers everything the server writes before it closes the
// connection (or 10 s pass).
std::string RawExchange(int port, const std::string& request, const char* local_address = "127.0.0.1") {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval timeout{.tv_sec = 10, .tv_usec = 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, local_address, &local.sin_addr);
    ::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof(local));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string received;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) {
        ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
        char chunk[4096];
        for (;;) {
            const auto n = ::recv(fd, chunk, sizeof(chunk), 0);
            if (n <= 0) break;
            received.append(chunk, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    return received;
}

// The status of a sign-in sent from `local_address`.
int LoginFrom(int port, const char* local_address, std::string_view email, std::string_view password) {
    const std::string body = nlohmann::json{{"email", email}, {"password", password}}.dump();
    const std::string answer = RawExchange(port,
                                           "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           "Content-Type: application/json\r\nConnection: close\r\n"
                                           "Content-Length: " +
                                               std::to_string(body.size()) + "\r\n\r\n" + body,
                                           local_address);
    return answer.starts_with("HTTP/1.1 ") ? std::stoi(answer.substr(9, 3)) : 0;
}

TEST_P(SessionApi, ParallelWrongPasswordsAreCheckedAtMostTheLimit) {
    // Sixteen tries at once, before any of them has been checked: at most 5 (the limit per
    // account and address) get their password checked; the others are throttled unchecked.
    constexpr int kTries = 16;
    std::vector<long> statuses(kTries);
    std::vector<std::thread> threads;
    for (int i = 0; i < kTries; ++i) {
        threads.emplace_back([&, i] {
            HttpClient client(server().base_url());
            statuses[static_cast<std::size_t>(i)] =
                client
                    .Post("/api/v1/auth/login",
                          {{"email", kIvanovEmail}, {"password", "wrong-" + std::to_string(i)}})
                    .status;
        });
    }
    for (auto& thread : threads) thread.join();
    const auto checked = std::count(statuses.begin(), statuses.end(), 401);
    const auto throttled = std::count(statuses.begin(), statuses.end(), 429);
    EXPECT_EQ(checked, 5);
    EXPECT_EQ(checked + throttled, kTries);
    // Blocked from this address, even with the right password...
    EXPECT_TRUE(IsError(Login(kIvanovEmail, kDemoPassword), 429, "throttled"));
    // ...but the owner signs in from another address.
    EXPECT_EQ(LoginFrom(server().port(), "127.0.0.2", kIvanovEmail, kDemoPassword), 200);
}

TEST_P(SessionApi, AStrangerCannotLockTheOwnerOutFromElsewhere) {
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(LoginFrom(server().port(), "127.0.0.3", kSokolovaEmail, "guess"), 401);
    EXPECT_EQ(LoginFrom(server().port(), "127.0.0.3", kSokolovaEmail, kDemoPassword), 429);
    EXPECT_EQ(Login(kSokolovaEmail, kDemoPassword).status, 200);
}

TEST_P(SessionApi, SuccessfulSignInsDoNotUseUpTheAddressLimit) {
    // An office behind one address signs in many times a day: only failures count.
    for (int i = 0; i < 25; ++i) {
        SCOPED_TRACE(i);
        ASSERT_EQ(Login(i % 2 ? kSokolovaEmail : kKuznetsovEmail, kDemoPassword).status, 200);
    }
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

// A write with the session cookie as a browser sends it, with these extra headers.
HttpResponse CookieWrite(HttpClient& http, const std::string& cookie, const nlohmann::json& body,
                         HttpHeaders extra) {
    HttpHeaders headers{{"Content-Type", "application/json"}, {"Cookie", cookie}};
    headers.insert(headers.end(), extra.begin(), extra.end());
    return http.Request("POST", "/api/v1/departments", body.dump(), headers);
}

TEST_P(SessionApi, CrossSiteCookieWritesAre403AndChangeNothing) {
    const HttpResponse login = Login(kAdminEmail, kDemoPassword);
    ASSERT_EQ(login.status, 200);
    const std::string cookie = CookiePair(SessionSetCookie(login));
    const DatabaseSnapshot before = Snapshot();
    const nlohmann::json body{{"name", "Маркетинг"}, {"kind", "other"}};
    EXPECT_TRUE(IsError(CookieWrite(http(), cookie, body, {{"Origin", "http://evil.example"}}), 403,
                        "cross_site_request"));
    EXPECT_TRUE(IsError(CookieWrite(http(), cookie, body, {{"Origin", "null"}}), 403, "cross_site_request"));
    EXPECT_TRUE(IsError(CookieWrite(http(), cookie, body, {{"Sec-Fetch-Site", "cross-site"}}), 403,
                        "cross_site_request"));
    EXPECT_TRUE(IsError(CookieWrite(http(), cookie, body, {}), 403, "cross_site_request"))
        << "a cookie write with neither Origin nor Sec-Fetch-Site";
    EXPECT_TRUE(IsError(
        http().Request(
            "POST", "/api/v1/auth/logout", "{}",
            {{"Content-Type", "application/json"}, {"Cookie", cookie}, {"Origin", "http://evil.example"}}),
        403, "cross_site_request"));
    EXPECT_EQ(Snapshot(), before);
    // Reading with the cookie is not a write.
    EXPECT_EQ(http()
                  .Request("GET", "/api/v1/me", {}, {{"Cookie", cookie}, {"Origin", "http://evil.example"}})
                  .status,
              200);
}

TEST_P(SessionApi, SameOriginCookieWritesAndBearerWritesWork) {
    const HttpResponse login = Login(kAdminEmail, kDemoPassword);
    ASSERT_EQ(login.status, 200);
    const std::string cookie = CookiePair(SessionSetCookie(login));
    const std::string own_origin = server().base_url();  // http://127.0.0.1:PORT, as Host
    EXPECT_EQ(
        CookieWrite(http(), cookie, {{"name", "Маркетинг"}, {"kind", "other"}}, {{"Origin", own_origin}})
            .status,
        201);
    EXPECT_EQ(CookieWrite(http(), cookie, {{"name", "Склад"}, {"kind", "other"}},
                          {{"Sec-Fetch-Site", "same-origin"}})
                  .status,
              201);
    // An integration's Bearer token is never sent by a browser on its own: no Origin needed.
    HttpHeaders bearer = JsonHeaders(AdminToken());
    bearer.emplace_back("Origin", "http://evil.example");
    EXPECT_EQ(
        http()
            .Request("POST", "/api/v1/departments", R"({"name": "Бухгалтерия", "kind": "other"})", bearer)
            .status,
        201);
    EXPECT_EQ(CountRows("departments"), kDemoDepartmentCount + 3);
}

TEST_P(SessionApi, TheConfiguredPublicOriginIsSameOrigin) {
    RestartServer({.env = {{"VORONKA_PUBLIC_ORIGIN", "https://crm.example.com"}}});
    const HttpResponse login = Login(kAdminEmail, kDemoPassword);
    ASSERT_EQ(login.status, 200);
    const std::string cookie = CookiePair(SessionSetCookie(login));
    EXPECT_EQ(CookieWrite(http(), cookie, {{"name", "Маркетинг"}, {"kind", "other"}},
                          {{"Origin", "https://crm.example.com"}})
                  .status,
              201);
    EXPECT_TRUE(IsError(CookieWrite(http(), cookie, {{"name", "Склад"}, {"kind", "other"}},
                                    {{"Origin", "https://crm.example.org"}}),
                        403, "cross_site_request"));
}

TEST_P(SessionApi, AnUnauthenticatedWriteIs401BeforeItsBodyIsRead) {
    // The head promises a body and asks whether to send it: the answer is 401 at once (no
    // `100 Continue`), and the connection closes without the body ever being sent.
    const std::string answer =
        RawExchange(server().port(),
                    "POST /api/v1/departments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n");
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 401 ")) << answer;
    EXPECT_EQ(answer.find("100 Continue"), std::string::npos) << answer;
    EXPECT_NE(answer.find("\"unauthenticated\""), std::string::npos) << answer;
    // A forged token likewise, and without Expect.
    const std::string forged =
        RawExchange(server().port(),
                    "POST /api/v1/departments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    "Authorization: Bearer vs_forged\r\nContent-Length: 1000000\r\n\r\n");
    EXPECT_TRUE(forged.starts_with("HTTP/1.1 401 ")) << forged;
}

TEST_P(SessionApi, SmuggledRequestBehindANonChunkedTransferEncodingIsNotServed) {
    const std::string answer =
        RawExchange(server().port(),
                    "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n"
                    "Content-Type: application/json\r\n\r\n"
                    "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 400 ")) << answer;
    EXPECT_EQ(answer.find("HTTP/1.1 200"), std::string::npos) << "the second request was served: " << answer;
}

}  // namespace

VORONKA_INSTANTIATE_API_TEST(SessionApi);

}  // namespace voronka::test
