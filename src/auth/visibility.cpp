#include "auth/visibility.hpp"

namespace voronka::auth {

store::Scope ScopeOf(const Principal& principal) {
    const User& user = principal.user;
    switch (user.role) {
        case Role::kAdmin: return {.all = true, .user_id = user.id, .department_id = std::nullopt};
        case Role::kHead: return {.all = false, .user_id = user.id, .department_id = user.department_id};
        case Role::kManager: return {.all = false, .user_id = user.id, .department_id = std::nullopt};
    }
    return {.all = false, .user_id = user.id, .department_id = std::nullopt};
}

bool Sees(const store::Scope& scope, std::int64_t owner_id, std::optional<std::int64_t> owner_department) {
    if (scope.all) return true;
    if (owner_id == scope.user_id) return true;
    return owner_department && scope.department_id && *owner_department == *scope.department_id;
}

}  // namespace voronka::auth
