// Who may see and change the organisation's configuration that carries a scope: automation rules,
// message templates and pipelines (with their stages). Each such item is either a department's
// (made by its head, or by an admin for it) or organisation-wide (no department; the admin's).
// The rule in one place, pure; the services of automation, messaging and crm apply it. The sight
// of a department's items is the visibility rule's (auth/visibility.hpp): a user's department is
// users.department_id.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "auth/model.hpp"
#include "core/error.hpp"

namespace voronka::auth {

enum class ConfigAccess {
    kHidden,  // out of sight: answers NotFound
    kRead,    // may read and use, not change: changes answer Forbidden
    kChange,  // may read, use, change, disable and delete
};

// An admin changes every item. A head changes their department's items, reads the
// organisation-wide ones and does not see other departments'. A manager reads the
// organisation-wide items and their department's. `item_department` nullopt: organisation-wide.
ConfigAccess AccessToConfig(const User& user, std::optional<std::int64_t> item_department);

// The department a new item gets. `requested`: absent when the caller gave none, an inner
// nullopt for organisation-wide. A head's items are their department's (asking for another
// department or for organisation-wide is Forbidden; a head without a department may make none);
// an admin's are organisation-wide unless they name a department. Managers: Forbidden.
Result<std::optional<std::int64_t>> DepartmentOfNewConfig(
    const User& user, std::optional<std::optional<std::int64_t>> requested, std::string_view what);

// Whether `user` may change an item of `item_department` (or move it to `new_department` when
// given): Ok for kChange (and a move only by an admin, or to the same department); NotFound for
// an item out of sight; Forbidden otherwise. `what` names the item in the message ("rule").
Status CheckMayChangeConfig(const User& user, std::optional<std::int64_t> item_department,
                            std::string_view what,
                            std::optional<std::optional<std::int64_t>> new_department = std::nullopt);

}  // namespace voronka::auth
