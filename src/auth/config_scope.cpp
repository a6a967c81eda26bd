#include "auth/config_scope.hpp"

#include <fmt/format.h>

namespace voronka::auth {

ConfigAccess AccessToConfig(const User& user, std::optional<std::int64_t> item_department) {
    switch (user.role) {
        case Role::kAdmin: return ConfigAccess::kChange;
        case Role::kHead:
            if (!item_department) return ConfigAccess::kRead;
            if (user.department_id == item_department) return ConfigAccess::kChange;
            return ConfigAccess::kHidden;
        case Role::kManager:
            if (!item_department || user.department_id == item_department) return ConfigAccess::kRead;
            return ConfigAccess::kHidden;
    }
    return ConfigAccess::kHidden;
}

Result<std::optional<std::int64_t>> DepartmentOfNewConfig(
    const User& user, std::optional<std::optional<std::int64_t>> requested, std::string_view what) {
    switch (user.role) {
        case Role::kAdmin: return requested.value_or(std::nullopt);
        case Role::kHead:
            if (!user.department_id) {
                return Error::Forbidden(fmt::format("a head without a department may not make a {}", what));
            }
            if (requested && *requested != user.department_id) {
                return Error::Forbidden(fmt::format(
                    "a head makes a {} of their own department only; organisation-wide ones are the "
                    "admin's",
                    what));
            }
            return user.department_id;
        case Role::kManager: break;
    }
    return Error::Forbidden(fmt::format("only a head or an admin may make a {}", what));
}

Status CheckMayChangeConfig(const User& user, std::optional<std::int64_t> item_department,
                            std::string_view what,
                            std::optional<std::optional<std::int64_t>> new_department) {
    switch (AccessToConfig(user, item_department)) {
        case ConfigAccess::kHidden: return Error::NotFound(fmt::format("no such {}", what));
        case ConfigAccess::kRead:
            return Error::Forbidden(
                item_department
                    ? fmt::format("only the department's head or an admin may change this {}", what)
                    : fmt::format("only an admin may change an organisation-wide {}", what));
        case ConfigAccess::kChange: break;
    }
    if (new_department && *new_department != item_department && user.role != Role::kAdmin) {
        return Error::Forbidden(fmt::format("only an admin may move a {} to another department", what));
    }
    return Ok{};
}

}  // namespace voronka::auth
