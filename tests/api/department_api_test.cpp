// Departments: readable by every signed-in user, written by admins, names unique ignoring case,
// heads must be heads or admins; over HTTP against the real binary on each back end.
#include <set>

#include "api/api_test_fixture.hpp"

namespace voronka::test {
namespace {

class DepartmentsApi : public ApiTest {};

TEST_P(DepartmentsApi, AnySignedInUserListsTheDepartments) {
    const HttpResponse response = http().Get("/api/v1/departments", SignIn(kMorozovaEmail));
    ASSERT_EQ(response.status, 200) << response.body;
    std::set<std::string> names;
    const nlohmann::json body = response.Json();
    for (const auto& item : body.at("items")) {
        names.insert(item.at("name").get<std::string>());
        EXPECT_TRUE(item.contains("kind"));
        EXPECT_TRUE(item.contains("head_user_id"));
    }
    EXPECT_EQ(names, (std::set<std::string>{kSalesDepartment, "Закупки", "Логистика"}));
    EXPECT_TRUE(response.Json().at("next_cursor").is_null());

    const HttpResponse sales = http().Get(
        "/api/v1/departments/" + std::to_string(DepartmentId(kSalesDepartment)), SignIn(kVolkovEmail));
    ASSERT_EQ(sales.status, 200) << sales.body;
    EXPECT_EQ(sales.Json().at("kind"), "sales");
    EXPECT_EQ(sales.Json().at("head_user_id"), UserId(kHeadEmail));
    EXPECT_TRUE(IsError(http().Get("/api/v1/departments"), 401, "unauthenticated"));
}

TEST_P(DepartmentsApi, AdminCreatesADepartment) {
    const HttpResponse created = http().Post(
        "/api/v1/departments",
        {{"name", "Маркетинг"}, {"kind", "other"}, {"head_user_id", UserId(kHeadEmail)}}, AdminToken());
    ASSERT_EQ(created.status, 201) << created.body;
    const nlohmann::json department = created.Json();
    EXPECT_EQ(department.at("name"), "Маркетинг");
    EXPECT_EQ(department.at("kind"), "other");
    EXPECT_EQ(department.at("head_user_id"), UserId(kHeadEmail));
    EXPECT_EQ(CountRows("departments"), kDemoDepartmentCount + 1);

    const HttpResponse read = http().Get(
        "/api/v1/departments/" + std::to_string(department.at("id").get<std::int64_t>()), AdminToken());
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.Json().at("name"), "Маркетинг");
}

TEST_P(DepartmentsApi, AdminRenamesADepartmentAndSetsItsHead) {
    const std::string path = "/api/v1/departments/" + std::to_string(DepartmentId("Закупки"));
    const HttpResponse patched =
        http().Patch(path, {{"name", "Снабжение"}, {"head_user_id", UserId(kAdminEmail)}}, AdminToken());
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.Json().at("name"), "Снабжение");
    EXPECT_EQ(patched.Json().at("kind"), "purchasing");
    EXPECT_EQ(patched.Json().at("head_user_id"), UserId(kAdminEmail));
}

TEST_P(DepartmentsApi, DuplicateNameIgnoringCaseIsAConflict) {
    ASSERT_FALSE(AdminToken().empty());
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(IsError(
        http().Post("/api/v1/departments", {{"name", "ОТДЕЛ ПРОДАЖ"}, {"kind", "sales"}}, AdminToken()), 409,
        "duplicate", "name"));
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/departments", {{"name", "закупки"}, {"kind", "other"}}, AdminToken()),
                409, "duplicate", "name"));
    EXPECT_TRUE(IsError(http().Patch("/api/v1/departments/" + std::to_string(DepartmentId("Логистика")),
                                     {{"name", "отдел Продаж"}}, AdminToken()),
                        409, "duplicate", "name"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(DepartmentsApi, ManagerAndHeadCannotWriteDepartments) {
    const std::string manager = SignIn(kIvanovEmail);
    const std::string head = SignIn(kHeadEmail);
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/departments", {{"name", "Мой отдел"}, {"kind", "sales"}}, manager), 403,
                "forbidden"));
    EXPECT_TRUE(IsError(http().Post("/api/v1/departments", {{"name", "Мой отдел"}, {"kind", "sales"}}, head),
                        403, "forbidden"));
    EXPECT_TRUE(IsError(http().Patch("/api/v1/departments/" + std::to_string(DepartmentId(kSalesDepartment)),
                                     {{"name", "Мой отдел"}}, head),
                        403, "forbidden"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(DepartmentsApi, HeadMustBeAHeadOrAdmin) {
    ASSERT_FALSE(AdminToken().empty());
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(IsError(
        http().Post("/api/v1/departments",
                    {{"name", "Маркетинг"}, {"kind", "other"}, {"head_user_id", UserId(kIvanovEmail)}},
                    AdminToken()),
        422, "validation_failed", "head_user_id"));
    EXPECT_TRUE(IsError(
        http().Post("/api/v1/departments",
                    {{"name", "Маркетинг"}, {"kind", "other"}, {"head_user_id", 987654}}, AdminToken()),
        422, "validation_failed", "head_user_id"));
    EXPECT_TRUE(IsError(
        http().Post("/api/v1/departments", {{"name", "Маркетинг"}, {"kind", "finance"}}, AdminToken()), 422,
        "validation_failed", "kind"));
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/departments", {{"name", "   "}, {"kind", "other"}}, AdminToken()), 422,
                "validation_failed", "name"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(DepartmentsApi, UnknownDepartmentIsNotFound) {
    EXPECT_TRUE(IsError(http().Get("/api/v1/departments/987654", AdminToken()), 404, "not_found"));
    EXPECT_TRUE(
        IsError(http().Patch("/api/v1/departments/987654", {{"name", "X"}}, AdminToken()), 404, "not_found"));
}

TEST_P(DepartmentsApi, ADepartmentIsDeletedOnlyWhenNothingWorksInIt) {
    const std::string path_of_purchasing = "/api/v1/departments/" + std::to_string(DepartmentId("Закупки"));
    const auto message = [](const HttpResponse& r) {
        return r.Json()["error"]["message"].get<std::string>();
    };
    ASSERT_FALSE(AdminToken().empty());
    const std::string head = SignIn(kHeadEmail);
    const std::string volkov = SignIn(kVolkovEmail);
    const DatabaseSnapshot before = Snapshot();
    // Only an admin deletes, and not a department with users.
    EXPECT_TRUE(IsError(http().Delete(path_of_purchasing, head), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Delete(path_of_purchasing, volkov), 403, "forbidden"));
    const HttpResponse with_users = http().Delete(path_of_purchasing, AdminToken());
    EXPECT_TRUE(IsError(with_users, 409, "conflict"));
    EXPECT_NE(message(with_users).find("users"), std::string::npos) << with_users.body;
    EXPECT_EQ(Snapshot(), before);
    EXPECT_TRUE(IsError(http().Delete("/api/v1/departments/987654", AdminToken()), 404, "not_found"));

    // A new department with an open task in its queue.
    const HttpResponse created =
        http().Post("/api/v1/departments", {{"name", "Маркетинг"}, {"kind", "other"}}, AdminToken());
    ASSERT_EQ(created.status, 201) << created.body;
    const std::int64_t marketing = created.Json().at("id");
    const std::string path = "/api/v1/departments/" + std::to_string(marketing);
    const std::string ivanov = SignIn(kIvanovEmail);
    const HttpResponse lead = http().Post("/api/v1/leads", {{"title", "Заявка для маркетинга"}}, ivanov);
    ASSERT_EQ(lead.status, 201) << lead.body;
    const HttpResponse task = http().Post("/api/v1/tasks",
                                          {{"record_type", "lead"},
                                           {"record_id", lead.Json().at("id")},
                                           {"subject", "Разослать приглашения"},
                                           {"due_at", "2030-01-15T09:00:00Z"},
                                           {"department_id", marketing}},
                                          ivanov);
    ASSERT_EQ(task.status, 201) << task.body;
    const HttpResponse with_tasks = http().Delete(path, AdminToken());
    EXPECT_TRUE(IsError(with_tasks, 409, "conflict"));
    EXPECT_NE(message(with_tasks).find("1 open queue tasks"), std::string::npos) << with_tasks.body;
    EXPECT_EQ(CountRows("departments"), kDemoDepartmentCount + 1);

    // Once the task is done, the department goes; the task stays, without a queue.
    const std::string task_path = "/api/v1/tasks/" + std::to_string(task.Json().at("id").get<std::int64_t>());
    ASSERT_EQ(http().Post(task_path + "/complete", nlohmann::json::object(), ivanov).status, 200);
    ASSERT_EQ(http().Delete(path, AdminToken()).status, 204);
    EXPECT_EQ(CountRows("departments"), kDemoDepartmentCount);
    EXPECT_TRUE(IsError(http().Get(path, AdminToken()), 404, "not_found"));
    const HttpResponse kept = http().Get(task_path, ivanov);
    ASSERT_EQ(kept.status, 200) << kept.body;
    EXPECT_TRUE(kept.Json().at("department_id").is_null());
}

TEST_P(DepartmentsApi, ADepartmentWithAPbxIsNotDeleted) {
    const HttpResponse created =
        http().Post("/api/v1/departments", {{"name", "Колл-центр"}, {"kind", "sales"}}, AdminToken());
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string path =
        "/api/v1/departments/" + std::to_string(created.Json().at("id").get<std::int64_t>());
    const HttpResponse pbx = http().Post("/api/v1/telephony/pbxs",
                                         {{"name", "АТС колл-центра"},
                                          {"department_id", created.Json().at("id")},
                                          {"secret", "pbx-secret-0123456789"}},
                                         AdminToken());
    ASSERT_EQ(pbx.status, 201) << pbx.body;
    const DatabaseSnapshot before = Snapshot();
    const HttpResponse refused = http().Delete(path, AdminToken());
    EXPECT_TRUE(IsError(refused, 409, "conflict"));
    EXPECT_NE(refused.Json()["error"]["message"].get<std::string>().find("1 PBXs"), std::string::npos)
        << refused.body;
    EXPECT_EQ(Snapshot(), before);

    const std::string pbx_path =
        "/api/v1/telephony/pbxs/" + std::to_string(pbx.Json().at("id").get<std::int64_t>());
    ASSERT_EQ(http().Delete(pbx_path, AdminToken()).status, 204);
    EXPECT_EQ(http().Delete(path, AdminToken()).status, 204);
}

}  // namespace

VORONKA_INSTANTIATE_API_TEST(DepartmentsApi);

}  // namespace voronka::test
