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

}  // namespace voronka::auth
