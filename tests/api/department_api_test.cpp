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

}  // namespace

VORONKA_INSTANTIATE_API_TEST(DepartmentsApi);

}  // namespace voronka::test
