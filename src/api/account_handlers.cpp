#include "api/auth_json.hpp"
#include "api/handlers.hpp"
#include "api/services.hpp"
#include "core/validation.hpp"

namespace voronka::api {
namespace {

constexpr std::string_view kRoles = "admin, head, manager";
constexpr std::string_view kDepartmentKinds = "sales, purchasing, logistics, other";

Json UserJson(const auth::User& user) {
    return ToJson(user);
}
Json DepartmentJson(const auth::Department& department) {
    return ToJson(department);
}

}  // namespace

Response ListUsers(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    const auto department_id = QueryInt(call.request, "department_id");
    if (!department_id) return ErrorResponse(department_id.error());
    const auto active = QueryBool(call.request, "active");
    if (!active) return ErrorResponse(active.error());
    auth::UserFilter filter{.department_id = *department_id, .role = std::nullopt, .active = *active};
    if (const auto role = call.request.QueryParam("role")) {
        filter.role = auth::ParseRole(*role);
        if (!filter.role) return ErrorResponse(NotOneOf("role", kRoles));
    }
    return Render(call.services.users.List(call.who(), filter, *page),
                  [](const Page<auth::User>& p) { return PageJson(p, UserJson); });
}

Response PostUser(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    auth::NewUser user;
    user.email = body->String("email", Presence::kRequired).value_or("");
    user.name = body->String("name", Presence::kRequired).value_or("");
    user.role = body->Enum<auth::Role>("role", auth::ParseRole, kRoles, Presence::kRequired)
                    .value_or(auth::Role::kManager);
    user.department_id = body->NullableInt("department_id").value_or(std::nullopt);
    user.phone_extension = body->NullableString("phone_extension").value_or(std::nullopt);
    user.password = body->String("password", Presence::kRequired).value_or("");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.users.Create(call.who(), user), UserJson, 201);
}

Response GetUser(Call& call) {
    return Render(call.services.users.Get(call.who(), call.id()), UserJson);
}

Response PatchUser(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    auth::UserPatch patch;
    patch.email = body->String("email");
    patch.name = body->String("name");
    patch.role = body->Enum<auth::Role>("role", auth::ParseRole, kRoles);
    patch.department_id = body->NullableInt("department_id");
    patch.phone_extension = body->NullableString("phone_extension");
    patch.active = body->Bool("active");
    patch.password = body->String("password");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.users.Update(call.who(), call.id(), patch), UserJson);
}

Response ListDepartments(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    return Render(call.services.departments.List(*page),
                  [](const Page<auth::Department>& p) { return PageJson(p, DepartmentJson); });
}

Response PostDepartment(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    auth::NewDepartment department;
    department.name = body->String("name", Presence::kRequired).value_or("");
    department.kind = body->Enum<auth::DepartmentKind>("kind", auth::ParseDepartmentKind, kDepartmentKinds,
                                                       Presence::kRequired)
                          .value_or(auth::DepartmentKind::kOther);
    department.head_user_id = body->NullableInt("head_user_id").value_or(std::nullopt);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.departments.Create(call.who(), department), DepartmentJson, 201);
}

Response GetDepartment(Call& call) {
    return Render(call.services.departments.Get(call.id()), DepartmentJson);
}

Response PatchDepartment(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    auth::DepartmentPatch patch;
    patch.name = body->String("name");
    patch.kind = body->Enum<auth::DepartmentKind>("kind", auth::ParseDepartmentKind, kDepartmentKinds);
    patch.head_user_id = body->NullableInt("head_user_id");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.departments.Update(call.who(), call.id(), patch), DepartmentJson);
}

Response DeleteDepartment(Call& call) {
    const Status deleted = call.services.departments.Delete(call.who(), call.id());
    if (!deleted) return ErrorResponse(deleted.error());
    return NoContent();
}

}  // namespace voronka::api
