#include "automation/sight.hpp"

#include "auth/visibility.hpp"

namespace voronka::automation {

Sight SightOf(std::optional<std::int64_t> rule_department, const std::optional<AuthorNow>& author) {
    Sight sight;
    sight.scope =
        rule_department
            ? store::Scope{.all = false, .user_id = author ? author->id : 0, .department_id = rule_department}
            : store::Scope::Everything();
    if (!author) return sight;
    if (!author->active) {
        sight.refusal = Text::kRunAuthorDeactivated;
    } else if (!rule_department && author->role != auth::Role::kAdmin) {
        sight.refusal = Text::kRunAuthorNotAdmin;
    } else if (rule_department && author->role != auth::Role::kAdmin &&
               !(author->role == auth::Role::kHead && author->department_id == rule_department)) {
        sight.refusal = Text::kRunAuthorNotHead;
    }
    return sight;
}

namespace {

std::optional<std::int64_t> IntOf(const nlohmann::json& facts, const char* key) {
    if (!facts.is_object()) return std::nullopt;
    const auto it = facts.find(key);
    if (it == facts.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
}

}  // namespace

bool MayActOn(const store::Scope& scope, const nlohmann::json& facts) {
    // Facts without an owner match no user (ids are positive), only the scope's department.
    return auth::Sees(scope, IntOf(facts, "owner_id").value_or(-1), IntOf(facts, "department_id"));
}

bool MayReachUser(const store::Scope& scope, std::int64_t user_id,
                  std::optional<std::int64_t> user_department) {
    return auth::Sees(scope, user_id, user_department);
}

}  // namespace voronka::automation
