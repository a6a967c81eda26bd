#include "automation/sight.hpp"

namespace voronka::automation {

Sight SightOf(std::optional<std::int64_t> rule_department, const std::optional<AuthorNow>& author) {
    Sight sight;
    sight.scope =
        rule_department
            ? store::Scope{.all = false, .user_id = author ? author->id : 0, .department_id = rule_department}
            : store::Scope::Everything();
    if (!author) return sight;
    if (!author->active) {
        sight.refusal = "автор правила деактивирован";
    } else if (!rule_department && author->role != auth::Role::kAdmin) {
        sight.refusal = "автор правила для всей организации больше не администратор";
    } else if (rule_department && author->role != auth::Role::kAdmin &&
               !(author->role == auth::Role::kHead && author->department_id == rule_department)) {
        sight.refusal = "автор правила больше не руководитель его отдела";
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
    if (scope.all) return true;
    const auto owner = IntOf(facts, "owner_id");
    if (owner && scope.user_id != 0 && *owner == scope.user_id) return true;
    const auto department = IntOf(facts, "department_id");
    return department && scope.department_id && *department == *scope.department_id;
}

bool MayReachUser(const store::Scope& scope, std::int64_t user_id,
                  std::optional<std::int64_t> user_department) {
    if (scope.all) return true;
    if (scope.user_id != 0 && user_id == scope.user_id) return true;
    return user_department && scope.department_id && *user_department == *scope.department_id;
}

}  // namespace voronka::automation
