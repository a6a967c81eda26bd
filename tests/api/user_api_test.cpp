// Users: the visibility rule (manager: self, head: own department, admin: all), admin-only
// writes, unique e-mails, the last-admin rule and pagination; over HTTP against the real binary
// on each back end.
#include <set>

#include "api/api_test_fixture.hpp"

namespace voronka::test {
namespace {

class UsersApi : public ApiTest {
protected:
    std::string UserPath(std::string_view email) { return "/api/v1/users/" + std::to_string(UserId(email)); }

    // The e-mails in a list response's items.
    static std::set<std::string> Emails(const HttpResponse& response) {
        std::set<std::string> out;
        const nlohmann::json body = response.Json();
        for (const auto& item : body.at("items")) out.insert(item.at("email").get<std::string>());
        return out;
    }
};

TEST_P(UsersApi, AdminListSeesEveryUser) {
    const HttpResponse response = http().Get("/api/v1/users", AdminToken());
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(Emails(response), (std::set<std::string>{kAdminEmail, kHeadEmail, kIvanovEmail, kSokolovaEmail,
                                                       kKuznetsovEmail, kVolkovEmail, kMorozovaEmail}));
    EXPECT_TRUE(response.Json().at("next_cursor").is_null());
    const nlohmann::json first = response.Json()["items"][0];
    for (const char* field : {"id", "email", "name", "role", "department_id", "phone_extension", "active",
                              "created_at", "updated_at"}) {
        EXPECT_TRUE(first.contains(field)) << field;
    }
    EXPECT_FALSE(first.contains("password_hash"));
}

TEST_P(UsersApi, ManagerListSeesOnlyThemselves) {
    const HttpResponse response = http().Get("/api/v1/users", SignIn(kIvanovEmail));
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(Emails(response), (std::set<std::string>{kIvanovEmail}));
}

TEST_P(UsersApi, HeadListSeesTheFourUsersOfTheirDepartment) {
    const HttpResponse response = http().Get("/api/v1/users", SignIn(kHeadEmail));
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(Emails(response),
              (std::set<std::string>{kHeadEmail, kIvanovEmail, kSokolovaEmail, kKuznetsovEmail}));
}

TEST_P(UsersApi, HeadReadsOwnDepartmentsUsersButAnotherDepartmentsUserIsNotFound) {
    const std::string head = SignIn(kHeadEmail);
    const HttpResponse own = http().Get(UserPath(kSokolovaEmail), head);
    ASSERT_EQ(own.status, 200) << own.body;
    EXPECT_EQ(own.Json().at("email"), kSokolovaEmail);
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(IsError(http().Get(UserPath(kVolkovEmail), head), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get(UserPath(kMorozovaEmail), head), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get(UserPath(kAdminEmail), head), 404, "not_found"));
    // Out of sight answers exactly as a user that does not exist.
    const HttpResponse missing = http().Get("/api/v1/users/987654", head);
    const HttpResponse hidden = http().Get(UserPath(kVolkovEmail), head);
    EXPECT_EQ(missing.body, hidden.body);
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(UsersApi, ManagerGettingAnotherManagerIsNotFound) {
    const std::string ivanov = SignIn(kIvanovEmail);
    EXPECT_EQ(http().Get(UserPath(kIvanovEmail), ivanov).status, 200);
    EXPECT_TRUE(IsError(http().Get(UserPath(kSokolovaEmail), ivanov), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get(UserPath(kHeadEmail), ivanov), 404, "not_found"));
}

TEST_P(UsersApi, ManagerPatchingAnotherUserIsNotFoundAndNothingChanges) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(
        IsError(http().Patch(UserPath(kSokolovaEmail), {{"name", "Взломано"}}, ivanov), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Patch(UserPath(kAdminEmail), {{"active", false}}, ivanov), 404, "not_found"));
    // Their own record is in sight, but writes are admin-only.
    EXPECT_TRUE(IsError(http().Patch(UserPath(kIvanovEmail), {{"role", "admin"}}, ivanov), 403, "forbidden"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(UsersApi, HeadPatchingOwnDepartmentsUserIsForbiddenAndNothingChanges) {
    const std::string head = SignIn(kHeadEmail);
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(
        IsError(http().Patch(UserPath(kIvanovEmail), {{"phone_extension", "999"}}, head), 403, "forbidden"));
    EXPECT_TRUE(
        IsError(http().Patch(UserPath(kVolkovEmail), {{"phone_extension", "999"}}, head), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Post("/api/v1/users",
                                    {{"email", "new@voronka.example"},
                                     {"name", "Новый"},
                                     {"role", "manager"},
                                     {"password", "long-enough-pass"}},
                                    head),
                        403, "forbidden"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(UsersApi, AdminCreatesAUserWhoCanSignIn) {
    const std::int64_t sales = DepartmentId(kSalesDepartment);
    const HttpResponse created = http().Post("/api/v1/users",
                                             {{"email", "Petrov@Voronka.Example"},
                                              {"name", "Пётр Петров"},
                                              {"role", "manager"},
                                              {"department_id", sales},
                                              {"phone_extension", "104"},
                                              {"password", "petrov-password"}},
                                             AdminToken());
    ASSERT_EQ(created.status, 201) << created.body;
    const nlohmann::json user = created.Json();
    EXPECT_GT(user.at("id").get<std::int64_t>(), 0);
    EXPECT_EQ(user.at("name"), "Пётр Петров");
    EXPECT_EQ(user.at("role"), "manager");
    EXPECT_EQ(user.at("department_id"), sales);
    EXPECT_EQ(user.at("phone_extension"), "104");
    EXPECT_EQ(user.at("active"), true);
    EXPECT_FALSE(user.contains("password"));
    EXPECT_FALSE(user.contains("password_hash"));
    EXPECT_EQ(CountRows("users"), kDemoUserCount + 1);

    const HttpResponse login = http().Post(
        "/api/v1/auth/login", {{"email", "petrov@voronka.example"}, {"password", "petrov-password"}});
    ASSERT_EQ(login.status, 200) << login.body;
    EXPECT_EQ(login.Json()["user"]["id"], user["id"]);
    // The head of sales now sees the new manager.
    const HttpResponse seen =
        http().Get("/api/v1/users/" + std::to_string(user["id"].get<std::int64_t>()), SignIn(kHeadEmail));
    EXPECT_EQ(seen.status, 200) << seen.body;
}

TEST_P(UsersApi, EmailDifferingOnlyByCaseIsADuplicate) {
    ASSERT_FALSE(AdminToken().empty());
    const DatabaseSnapshot before = Snapshot();
    const HttpResponse response = http().Post("/api/v1/users",
                                              {{"email", "IVANOV@Voronka.example"},
                                               {"name", "Двойник"},
                                               {"role", "manager"},
                                               {"password", "double-pass-1"}},
                                              AdminToken());
    EXPECT_TRUE(IsError(response, 409, "duplicate", "email"));
    // Renaming another user's e-mail onto an existing one is refused alike.
    EXPECT_TRUE(
        IsError(http().Patch(UserPath(kSokolovaEmail), {{"email", "Ivanov@voronka.example"}}, AdminToken()),
                409, "duplicate", "email"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(UsersApi, AdminPatchesRoleDepartmentAndPhoneExtension) {
    const std::int64_t logistics = DepartmentId("Логистика");
    const std::string path = UserPath(kVolkovEmail);
    const HttpResponse patched = http().Patch(
        path, {{"role", "head"}, {"department_id", logistics}, {"phone_extension", "555"}}, AdminToken());
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.Json().at("role"), "head");
    EXPECT_EQ(patched.Json().at("department_id"), logistics);
    EXPECT_EQ(patched.Json().at("phone_extension"), "555");
    EXPECT_EQ(patched.Json().at("email"), kVolkovEmail);  // untouched fields stay

    const HttpResponse read = http().Get(path, AdminToken());
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(read.Json().at("role"), "head");
    EXPECT_EQ(read.Json().at("department_id"), logistics);
    EXPECT_EQ(read.Json().at("phone_extension"), "555");

    // null clears a nullable field.
    const HttpResponse cleared =
        http().Patch(path, {{"phone_extension", nullptr}, {"department_id", nullptr}}, AdminToken());
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_TRUE(cleared.Json().at("phone_extension").is_null());
    EXPECT_TRUE(cleared.Json().at("department_id").is_null());

    // The new head of logistics sees the logistics manager once back in the department.
    ASSERT_EQ(http().Patch(path, {{"department_id", logistics}}, AdminToken()).status, 200);
    const HttpResponse seen = http().Get(UserPath(kMorozovaEmail), SignIn(kVolkovEmail));
    EXPECT_EQ(seen.status, 200) << seen.body;
}

TEST_P(UsersApi, InvalidPatchValuesAreRefusedAndNothingChanges) {
    ASSERT_FALSE(AdminToken().empty());
    const DatabaseSnapshot before = Snapshot();
    const std::string path = UserPath(kVolkovEmail);
    EXPECT_TRUE(
        IsError(http().Patch(path, {{"role", "boss"}}, AdminToken()), 422, "validation_failed", "role"));
    EXPECT_TRUE(IsError(http().Patch(path, {{"department_id", 987654}}, AdminToken()), 422,
                        "validation_failed", "department_id"));
    EXPECT_TRUE(IsError(http().Patch(path, {{"phone_extension", "12a"}}, AdminToken()), 422,
                        "validation_failed", "phone_extension"));
    EXPECT_TRUE(IsError(http().Patch(path, {{"email", "not-an-email"}}, AdminToken()), 422,
                        "validation_failed", "email"));
    EXPECT_TRUE(IsError(http().Patch(path, {{"password", "short"}}, AdminToken()), 422, "validation_failed",
                        "password"));
    EXPECT_TRUE(
        IsError(http().Patch("/api/v1/users/987654", {{"name", "X"}}, AdminToken()), 404, "not_found"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(UsersApi, DeactivatingOrDemotingTheOnlyAdminIsAConflict) {
    ASSERT_FALSE(AdminToken().empty());
    const DatabaseSnapshot before = Snapshot();
    const std::string path = UserPath(kAdminEmail);
    EXPECT_TRUE(IsError(http().Patch(path, {{"active", false}}, AdminToken()), 409, "conflict", "active"));
    EXPECT_TRUE(IsError(http().Patch(path, {{"role", "manager"}}, AdminToken()), 409, "conflict", "role"));
    EXPECT_EQ(Snapshot(), before);
    EXPECT_EQ(http().Get("/api/v1/me", AdminToken()).status, 200);

    // With a second admin, the first may step down.
    ASSERT_EQ(http().Patch(UserPath(kHeadEmail), {{"role", "admin"}}, AdminToken()).status, 200);
    const HttpResponse stepped_down = http().Patch(path, {{"role", "manager"}}, AdminToken());
    EXPECT_EQ(stepped_down.status, 200) << stepped_down.body;
}

TEST_P(UsersApi, PaginationWithLimitTwoWalksEveryUserOnce) {
    std::vector<std::int64_t> ids;
    std::string cursor;
    int pages = 0;
    for (;;) {
        ASSERT_LT(++pages, 10) << "pagination does not end";
        const std::string path = "/api/v1/users?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor);
        const HttpResponse page = http().Get(path, AdminToken());
        ASSERT_EQ(page.status, 200) << page.body;
        const nlohmann::json body = page.Json();
        ASSERT_LE(body.at("items").size(), 2u);
        for (const auto& item : body["items"]) ids.push_back(item.at("id"));
        if (body.at("next_cursor").is_null()) break;
        cursor = body["next_cursor"].get<std::string>();
        ASSERT_FALSE(cursor.empty());
    }
    EXPECT_EQ(pages, 4);
    EXPECT_EQ(ids.size(), static_cast<std::size_t>(kDemoUserCount));
    EXPECT_EQ(std::set<std::int64_t>(ids.begin(), ids.end()).size(), ids.size()) << "a user repeats";
}

TEST_P(UsersApi, LimitOutsideOneToTheMaximumIsRefused) {
    for (const char* limit : {"0", "500", "-1", "abc", "2.5"}) {
        SCOPED_TRACE(limit);
        EXPECT_TRUE(IsError(http().Get(std::string("/api/v1/users?limit=") + limit, AdminToken()), 422,
                            "validation_failed", "limit"));
    }
    EXPECT_EQ(http().Get("/api/v1/users?limit=1", AdminToken()).status, 200);
}

TEST_P(UsersApi, CursorTheServerDidNotGiveIsRefused) {
    for (const char* cursor : {"garbage", "c1.abc", "c1.-5", "%00"}) {
        SCOPED_TRACE(cursor);
        EXPECT_TRUE(IsError(http().Get(std::string("/api/v1/users?cursor=") + cursor, AdminToken()), 422,
                            "validation_failed", "cursor"));
    }
}

TEST_P(UsersApi, ListFiltersByRoleDepartmentAndActivity) {
    const HttpResponse managers = http().Get("/api/v1/users?role=manager", AdminToken());
    ASSERT_EQ(managers.status, 200) << managers.body;
    EXPECT_EQ(managers.Json().at("items").size(), 5u);
    const HttpResponse sales = http().Get(
        "/api/v1/users?department_id=" + std::to_string(DepartmentId(kSalesDepartment)), AdminToken());
    ASSERT_EQ(sales.status, 200) << sales.body;
    EXPECT_EQ(Emails(sales),
              (std::set<std::string>{kHeadEmail, kIvanovEmail, kSokolovaEmail, kKuznetsovEmail}));
    ASSERT_EQ(http().Patch(UserPath(kMorozovaEmail), {{"active", false}}, AdminToken()).status, 200);
    const HttpResponse inactive = http().Get("/api/v1/users?active=false", AdminToken());
    ASSERT_EQ(inactive.status, 200) << inactive.body;
    EXPECT_EQ(Emails(inactive), (std::set<std::string>{kMorozovaEmail}));
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/users?role=boss", AdminToken()), 422, "validation_failed", "role"));
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/users?active=maybe", AdminToken()), 422, "validation_failed", "active"));
}

}  // namespace

VORONKA_INSTANTIATE_API_TEST(UsersApi);

}  // namespace voronka::test
