// Bad input gets a clear error, and nothing changes: each request below answers its documented
// status and error code, and a snapshot of every accounts table is the same before and after.
// Over HTTP against the real binary on each back end.
#include "api/api_test_fixture.hpp"

namespace voronka::test {
namespace {

constexpr std::size_t kBodyLimit = 1024 * 1024;  // the server's default body_limit

class BadInputApi : public ApiTest {
protected:
    void SetUp() override {
        ApiTest::SetUp();
        if (HasFatalFailure()) return;
        admin_ = AdminToken();  // signed in before any snapshot
    }

    // A raw request with a JSON content type and the admin's token.
    HttpResponse Send(std::string_view method, std::string_view path, std::string_view body,
                      std::string_view content_type = "application/json") {
        HttpHeaders headers = BearerHeaders(admin_);
        if (!content_type.empty()) headers.emplace_back("Content-Type", std::string(content_type));
        return http().Request(method, path, body, headers);
    }

    std::string admin_;
};

TEST_P(BadInputApi, MalformedJsonIs400AndChangesNothing) {
    const DatabaseSnapshot before = Snapshot();
    for (const char* body : {R"({"name": "Маркетинг", "kind": )", R"({"name": 'single'})", "{name: 1}",
                             R"({"name": "x",})", "", "   ", R"({"name": "x"} trailing)"}) {
        SCOPED_TRACE(body);
        EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", body), 400, "malformed"));
    }
    EXPECT_TRUE(IsError(
        http().Request("POST", "/api/v1/auth/login", R"({"email": )", {{"Content-Type", "application/json"}}),
        400, "malformed"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(BadInputApi, InvalidUtf8Is400AndChangesNothing) {
    const DatabaseSnapshot before = Snapshot();
    const std::string bad_strings[] = {
        "\xff\xfe",          // not UTF-8 at all
        "\xc0\xaf",          // overlong '/'
        "\xed\xa0\x80",      // an encoded surrogate
        "\xd0",              // a truncated sequence
        "\xf4\x90\x80\x80",  // above U+10FFFF
    };
    for (const auto& bad : bad_strings) {
        const std::string body = R"({"name": "Отдел )" + bad + R"(", "kind": "other"})";
        EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", body), 400, "malformed"));
    }
    // A lone surrogate written as a JSON escape is not a character either.
    const HttpResponse escaped =
        Send("POST", "/api/v1/departments", R"({"name": "\ud800", "kind": "other"})");
    EXPECT_TRUE(IsError(escaped, 400, "malformed"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(BadInputApi, ByteOrderMarkIs400AndChangesNothing) {
    const DatabaseSnapshot before = Snapshot();
    const std::string body =
        "\xEF\xBB\xBF"
        R"({"name": "Маркетинг"})";
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", body), 400, "malformed"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(BadInputApi, DuplicateKeyIs422NamingItAndChangesNothing) {
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", R"({"name": "Маркетинг", "name": "Склад"})"), 422,
                        "validation_failed", "name"));
    // In a nested object too, and on the public sign-in route.
    EXPECT_TRUE(
        IsError(Send("POST", "/api/v1/departments", R"({"name": "Маркетинг", "extra": {"a": 1, "a": 2}})"),
                422, "validation_failed", "a"));
    EXPECT_TRUE(IsError(http().Request("POST", "/api/v1/auth/login",
                                       R"({"email": "x@voronka.example", "email": "y@voronka.example",
                                           "password": "p"})",
                                       {{"Content-Type", "application/json"}}),
                        422, "validation_failed", "email"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(BadInputApi, WrongTypeIs422NamingTheFieldAndChangesNothing) {
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", R"({"name": 5, "kind": "other"})"), 422,
                        "validation_failed", "name"));
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", R"({"name": "Маркетинг", "kind": ["other"]})"),
                        422, "validation_failed", "kind"));
    EXPECT_TRUE(IsError(Send("PATCH", "/api/v1/settings", R"({"language": true})"), 422, "validation_failed",
                        "language"));
    const std::string user = "/api/v1/users/" + std::to_string(UserId(kIvanovEmail));
    EXPECT_TRUE(IsError(Send("PATCH", user, R"({"active": "false"})"), 422, "validation_failed", "active"));
    EXPECT_TRUE(
        IsError(Send("PATCH", user, R"({"department_id": "1"})"), 422, "validation_failed", "department_id"));
    EXPECT_TRUE(
        IsError(Send("PATCH", user, R"({"department_id": 1.5})"), 422, "validation_failed", "department_id"));
    EXPECT_TRUE(IsError(Send("PATCH", user, R"({"department_id": 1e30})"), 422, "validation_failed",
                        "department_id"));
    EXPECT_TRUE(IsError(Send("PATCH", user, R"({"department_id": 9223372036854775808})"), 422,
                        "validation_failed", "department_id"));
    EXPECT_TRUE(IsError(Send("PATCH", user, R"({"name": null})"), 422, "validation_failed", "name"));
    EXPECT_TRUE(
        IsError(http().Request("POST", "/api/v1/auth/login", R"({"email": 5, "password": "voronka-demo"})",
                               {{"Content-Type", "application/json"}}),
                422, "validation_failed", "email"));
    // A body that is JSON but not an object.
    EXPECT_TRUE(
        IsError(Send("POST", "/api/v1/departments", R"(["name", "kind"])"), 422, "validation_failed"));
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", "null"), 422, "validation_failed"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(BadInputApi, MissingRequiredFieldIs422NamingItAndChangesNothing) {
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", R"({"kind": "other"})"), 422, "validation_failed",
                        "name"));
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", R"({"name": "Маркетинг"})"), 422,
                        "validation_failed", "kind"));
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/users",
                             R"({"email": "new@voronka.example", "name": "Новый", "role": "manager"})"),
                        422, "validation_failed", "password"));
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/users",
                             R"({"name": "Новый", "role": "manager", "password": "long-enough-pass"})"),
                        422, "validation_failed", "email"));
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/users", R"({"email": null, "name": "Новый", "role": "manager",
                                                          "password": "long-enough-pass"})"),
                        422, "validation_failed", "email"));
    EXPECT_TRUE(IsError(http().Request("POST", "/api/v1/auth/login", R"({"email": "admin@voronka.example"})",
                                       {{"Content-Type", "application/json"}}),
                        422, "validation_failed", "password"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(BadInputApi, UnknownFieldIs422NamingItAndChangesNothing) {
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(IsError(
        Send("POST", "/api/v1/departments", R"({"name": "Маркетинг", "kind": "other", "colour": "red"})"),
        422, "validation_failed", "colour"));
    EXPECT_TRUE(IsError(Send("PATCH", "/api/v1/settings", R"({"language": "en", "theme": "dark"})"), 422,
                        "validation_failed", "theme"));
    const std::string user = "/api/v1/users/" + std::to_string(UserId(kIvanovEmail));
    EXPECT_TRUE(IsError(Send("PATCH", user, R"({"name": "Иван", "password_hash": "x"})"), 422,
                        "validation_failed", "password_hash"));
    EXPECT_TRUE(IsError(Send("PATCH", user, R"({"Name": "Иван"})"), 422, "validation_failed", "Name"));
    EXPECT_TRUE(IsError(
        http().Request("POST", "/api/v1/auth/login",
                       R"({"email": "admin@voronka.example", "password": "voronka-demo", "remember": true})",
                       {{"Content-Type", "application/json"}}),
        422, "validation_failed", "remember"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(BadInputApi, BodyOverTheLimitIs413AndChangesNothing) {
    const DatabaseSnapshot before = Snapshot();
    const std::string head = R"({"name": ")";
    const std::string tail = R"(", "kind": "other"})";
    const std::string body = head + std::string(kBodyLimit + 1 - head.size() - tail.size(), 'a') + tail;
    ASSERT_EQ(body.size(), kBodyLimit + 1);
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", body), 413, "payload_too_large"));
    EXPECT_EQ(Snapshot(), before);
    // The server goes on serving, on a new connection and on the old client.
    HttpClient other(server().base_url());
    EXPECT_EQ(other.Get("/healthz").status, 200);
    EXPECT_EQ(http().Get("/api/v1/me", admin_).status, 200);
    // A body just under the limit is read (and refused for its content, not its size).
    const std::string fits = head + std::string(kBodyLimit - head.size() - tail.size(), 'a') + tail;
    const HttpResponse under = Send("POST", "/api/v1/departments", fits);
    EXPECT_NE(under.status, 413) << under.body.substr(0, 300);
}

TEST_P(BadInputApi, WrongContentTypeIs415AndChangesNothing) {
    const DatabaseSnapshot before = Snapshot();
    const std::string body = R"({"name": "Маркетинг", "kind": "other"})";
    for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/xml",
                             "application/json; charset=latin1", "multipart/form-data; boundary=x"}) {
        SCOPED_TRACE(type);
        EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", body, type), 415, "unsupported_media_type"));
    }
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", body, ""), 415, "unsupported_media_type"));
    EXPECT_TRUE(IsError(http().Request("POST", "/api/v1/auth/login",
                                       R"({"email": "admin@voronka.example", "password": "voronka-demo"})",
                                       {{"Content-Type", "text/plain"}}),
                        415, "unsupported_media_type"));
    EXPECT_EQ(Snapshot(), before);
    // The documented type with its charset is accepted.
    EXPECT_EQ(Send("POST", "/api/v1/departments", body, "application/json; charset=utf-8").status, 201);
}

TEST_P(BadInputApi, SqlLikeTextIsStoredVerbatimAndHarmless) {
    const std::string name = "Robert'); DROP TABLE users;--";
    const HttpResponse created = http().Post("/api/v1/users",
                                             {{"email", "o'brien@voronka.example"},
                                              {"name", name},
                                              {"role", "manager"},
                                              {"password", "bobby-tables-1"}},
                                             admin_);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.Json().at("name"), name);
    const std::int64_t id = created.Json().at("id");

    const HttpResponse read = http().Get("/api/v1/users/" + std::to_string(id), admin_);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.Json().at("name"), name);
    EXPECT_EQ(read.Json().at("email"), "o'brien@voronka.example");
    EXPECT_EQ(CountRows("users"), kDemoUserCount + 1);
    const HttpResponse list = http().Get("/api/v1/users", admin_);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.Json().at("items").size(), static_cast<std::size_t>(kDemoUserCount + 1));
    EXPECT_EQ(SignIn("o'brien@voronka.example", "bobby-tables-1").substr(0, 3), "vs_");

    const std::string department = "x'; DELETE FROM departments; --";
    const HttpResponse dept =
        http().Post("/api/v1/departments", {{"name", department}, {"kind", "other"}}, admin_);
    ASSERT_EQ(dept.status, 201) << dept.body;
    EXPECT_EQ(dept.Json().at("name"), department);
    EXPECT_EQ(CountRows("departments"), kDemoDepartmentCount + 1);
    const HttpResponse settings =
        http().Patch("/api/v1/settings", {{"organisation_name", "'; UPDATE settings SET value = '"}}, admin_);
    ASSERT_EQ(settings.status, 200) << settings.body;
    EXPECT_EQ(settings.Json().at("organisation_name"), "'; UPDATE settings SET value = '");
    EXPECT_EQ(settings.Json().at("time_zone"), "Europe/Moscow");
}

TEST_P(BadInputApi, NulCharacterInTextIsNeverAServerError) {
    const HttpResponse response =
        Send("POST", "/api/v1/departments", R"({"name": "Отдел\u0000Тайный", "kind": "other"})");
    ASSERT_LT(response.status, 500) << response.body;
    if (response.status == 201) {
        EXPECT_EQ(response.Json().at("name"), std::string("Отдел\0Тайный", sizeof("Отдел\0Тайный") - 1));
    } else {
        EXPECT_TRUE(IsError(response, 422, "validation_failed", "name"));
    }
}

TEST_P(BadInputApi, ManagerCallingAdminRoutesIsForbiddenAndChangesNothing) {
    const std::string manager = SignIn(kIvanovEmail);
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(IsError(http().Post("/api/v1/users",
                                    {{"email", "new@voronka.example"},
                                     {"name", "Новый"},
                                     {"role", "admin"},
                                     {"password", "long-enough-pass"}},
                                    manager),
                        403, "forbidden"));
    EXPECT_TRUE(IsError(http().Post("/api/v1/api-tokens", {{"name", "mine"}}, manager), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Patch("/api/v1/settings", {{"language", "en"}}, manager), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Post("/api/v1/departments", {{"name", "Мой"}, {"kind", "sales"}}, manager),
                        403, "forbidden"));
    EXPECT_TRUE(IsError(
        http().Patch("/api/v1/users/" + std::to_string(UserId(kIvanovEmail)), {{"role", "admin"}}, manager),
        403, "forbidden"));
    EXPECT_TRUE(IsError(http().Delete("/api/v1/api-tokens/1", manager), 403, "forbidden"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(BadInputApi, RequestsWithoutAValidTokenAreUnauthenticatedAndChangeNothing) {
    const std::string expired = SignIn(kSokolovaEmail);
    ExpireAllSessions();  // the admin's session too: the snapshot below includes it
    const DatabaseSnapshot before = Snapshot();
    const nlohmann::json body = {{"language", "en"}};
    const std::string basic = "Basic YWRtaW5Adm9yb25rYS5leGFtcGxlOnZvcm9ua2EtZGVtbw==";
    for (const std::string& authorization :
         {std::string(), std::string("Bearer vs_forged"), "Bearer vk_" + std::string(43, 'x'), basic,
          "Bearer " + expired, "Bearer " + admin_}) {
        SCOPED_TRACE(authorization);
        HttpHeaders headers{{"Content-Type", "application/json"}};
        if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
        EXPECT_TRUE(IsError(http().Request("PATCH", "/api/v1/settings", body.dump(), headers), 401,
                            "unauthenticated"));
        EXPECT_TRUE(IsError(
            http().Request("POST", "/api/v1/departments", R"({"name": "X", "kind": "other"})", headers), 401,
            "unauthenticated"));
    }
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(BadInputApi, DeeplyNestedJsonIs400AndChangesNothing) {
    const DatabaseSnapshot before = Snapshot();
    const std::string arrays =
        R"({"name": )" + std::string(100, '[') + std::string(100, ']') + R"(, "kind": "other"})";
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", arrays), 400, "malformed"));
    std::string objects = R"({"name": "x", "kind": "other", "extra": )";
    for (int i = 0; i < 100; ++i) objects += R"({"a": )";
    objects += "1";
    for (int i = 0; i < 100; ++i) objects += "}";
    objects += "}";
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", objects), 400, "malformed"));
    // Much deeper still, which would exhaust a recursive parser's stack.
    const std::string abyss = R"({"name": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
    EXPECT_TRUE(IsError(Send("POST", "/api/v1/departments", abyss), 400, "malformed"));
    EXPECT_EQ(Snapshot(), before);
    EXPECT_EQ(http().Get("/healthz").status, 200);
}

TEST_P(BadInputApi, OversizedHeaderIsRefusedAndTheServerGoesOn) {
    const HttpResponse response =
        http().Request("GET", "/api/v1/me", {},
                       {{"Authorization", "Bearer " + admin_}, {"X-Padding", std::string(64 * 1024, 'p')}});
    EXPECT_EQ(response.status, 431) << response.body.substr(0, 300);
    HttpClient other(server().base_url());
    EXPECT_EQ(other.Get("/api/v1/me", admin_).status, 200);
}

}  // namespace

VORONKA_INSTANTIATE_API_TEST(BadInputApi);

}  // namespace voronka::test
