// Reading users inside auth's own transactions. Private to auth.
#pragma once

#include "auth/model.hpp"
#include "store/database.hpp"

namespace voronka::auth {

// A User from a row whose columns, from `first`, are: id, email, name, role, department_id,
// phone_extension, active, created_at, updated_at (as in sql/user_get.sql).
User UserFromRow(const store::Row& row, std::size_t first = 0);

// The user with this id, whoever may see it; nullopt when there is none.
std::optional<User> LoadUser(store::Transaction& tx, std::int64_t id);

}  // namespace voronka::auth
