#include "auth/model.hpp"

#include "core/names.hpp"

namespace voronka::auth {
namespace {

constexpr NameTable<Role, 3> kRoles{
    {{Role::kAdmin, "admin"}, {Role::kHead, "head"}, {Role::kManager, "manager"}}};
constexpr NameTable<DepartmentKind, 4> kDepartmentKinds{{{DepartmentKind::kSales, "sales"},
                                                         {DepartmentKind::kPurchasing, "purchasing"},
                                                         {DepartmentKind::kLogistics, "logistics"},
                                                         {DepartmentKind::kOther, "other"}}};

}  // namespace

std::string_view RoleName(Role role) {
    return NameIn(kRoles, role);
}
std::optional<Role> ParseRole(std::string_view name) {
    return ValueIn(kRoles, name);
}
std::string_view DepartmentKindName(DepartmentKind kind) {
    return NameIn(kDepartmentKinds, kind);
}
std::optional<DepartmentKind> ParseDepartmentKind(std::string_view name) {
    return ValueIn(kDepartmentKinds, name);
}

}  // namespace voronka::auth
