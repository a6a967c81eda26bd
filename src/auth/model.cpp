#include "auth/model.hpp"

namespace voronka::auth {

std::string_view RoleName(Role role) {
    switch (role) {
        case Role::kAdmin: return "admin";
        case Role::kHead: return "head";
        case Role::kManager: return "manager";
    }
    return "manager";
}

std::optional<Role> ParseRole(std::string_view name) {
    if (name == "admin") return Role::kAdmin;
    if (name == "head") return Role::kHead;
    if (name == "manager") return Role::kManager;
    return std::nullopt;
}

std::string_view DepartmentKindName(DepartmentKind kind) {
    switch (kind) {
        case DepartmentKind::kSales: return "sales";
        case DepartmentKind::kPurchasing: return "purchasing";
        case DepartmentKind::kLogistics: return "logistics";
        case DepartmentKind::kOther: return "other";
    }
    return "other";
}

std::optional<DepartmentKind> ParseDepartmentKind(std::string_view name) {
    if (name == "sales") return DepartmentKind::kSales;
    if (name == "purchasing") return DepartmentKind::kPurchasing;
    if (name == "logistics") return DepartmentKind::kLogistics;
    if (name == "other") return DepartmentKind::kOther;
    return std::nullopt;
}

}  // namespace voronka::auth
