// Reading users inside auth's own transactions. Private to auth.
#pragma once

#include "auth/model.hpp"
#include "store/database.hpp"

namespace voronka::auth {

// Reads a User from the next columns: id, email, name, role, department_id, phone_extension,
// active, created_at, updated_at (as in sql/user_get.sql, user_list.sql, session_principal.sql and
// api_token_principal.sql; when changing them, change all four).
User ReadUser(store::RowReader& r);

// The user with this id, whoever may see it; nullopt when there is none.
std::optional<User> LoadUser(store::Transaction& tx, std::int64_t id);

}  // namespace voronka::auth
